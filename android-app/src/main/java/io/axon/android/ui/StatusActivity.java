package io.axon.android.ui;

import android.content.Intent;
import android.graphics.drawable.Drawable;
import android.os.Bundle;
import android.os.Handler;
import android.os.Looper;
import android.view.View;
import android.widget.ProgressBar;
import android.widget.Switch;
import android.widget.TextView;
import io.axon.android.R;
import io.axon.android.VolunteerStatus;

/**
 * The launcher screen: computing or waiting and exactly why ("waiting: battery 71 %, resumes at 90
 * %"), the unit in training with its progress, the start/stop switch, and the way to the other
 * screens.
 */
public final class StatusActivity extends ScreenActivity {
  /** How often the screen reads the status again while it is visible (as the desktop app does). */
  static final long REFRESH_MILLIS = 1000;

  private final Handler handler = new Handler(Looper.getMainLooper());
  // the phone's conditions change without the engine running (unplugged with the service asleep):
  // the screen asks again each second rather than waiting to be told
  private final Runnable refresh =
      new Runnable() {
        @Override
        public void run() {
          changed(facade.status());
          handler.postDelayed(this, REFRESH_MILLIS);
        }
      };
  private View dot;
  private TextView state;
  private TextView reason;
  private Switch onOff;
  private TextView noUnit;
  private TextView unit;
  private ProgressBar progress;
  private TextView unitDetail;

  @Override
  protected void onCreate(Bundle savedInstanceState) {
    super.onCreate(savedInstanceState);
    setContentView(R.layout.activity_status);
    dot = findViewById(R.id.status_dot);
    state = findViewById(R.id.status_state);
    reason = findViewById(R.id.status_reason);
    onOff = findViewById(R.id.status_switch);
    noUnit = findViewById(R.id.status_no_unit);
    unit = findViewById(R.id.status_unit);
    progress = findViewById(R.id.status_progress);
    unitDetail = findViewById(R.id.status_unit_detail);
    onOff.setOnCheckedChangeListener((button, on) -> facade.setEnabled(on));
    open(R.id.nav_projects, ProjectsActivity.class);
    open(R.id.nav_preferences, PreferencesActivity.class);
    open(R.id.nav_earnings, EarningsActivity.class);
    open(R.id.nav_eventlog, EventLogActivity.class);
  }

  @Override
  protected void onStart() {
    super.onStart();
    handler.postDelayed(refresh, REFRESH_MILLIS);
  }

  @Override
  protected void onStop() {
    handler.removeCallbacks(refresh);
    super.onStop();
  }

  private void open(int button, Class<?> screen) {
    findViewById(button).setOnClickListener(v -> startActivity(new Intent(this, screen)));
  }

  @Override
  void changed(VolunteerStatus s) {
    boolean enabled = facade.isEnabled();
    if (onOff.isChecked() != enabled) {
      // what the facade says, without echoing it back as a click
      onOff.setOnCheckedChangeListener(null);
      onOff.setChecked(enabled);
      onOff.setOnCheckedChangeListener((button, on) -> facade.setEnabled(on));
    }
    String headline = getString(headline(s.state()));
    state.setText(headline);
    reason.setText(s.reason());
    // "stopped" under "Stopped" says nothing more
    reason.setVisibility(s.reason().equalsIgnoreCase(headline) ? View.GONE : View.VISIBLE);
    Drawable d = dot.getBackground().mutate();
    d.setTint(getColor(colour(s.state())));
    VolunteerStatus.UnitProgress u = s.unit();
    boolean none = u == null;
    noUnit.setVisibility(none ? View.VISIBLE : View.GONE);
    unit.setVisibility(none ? View.GONE : View.VISIBLE);
    progress.setVisibility(none ? View.GONE : View.VISIBLE);
    unitDetail.setVisibility(none ? View.GONE : View.VISIBLE);
    if (!none) {
      unit.setText(getString(R.string.status_unit_name, u.jobName(), u.workUnitId()));
      progress.setProgress((int) Math.round(u.progress() * progress.getMax()));
      unitDetail.setText(getString(R.string.status_unit_progress, Formats.percent(u.progress())));
    }
  }

  private static int headline(VolunteerStatus.State state) {
    return switch (state) {
      case COMPUTING -> R.string.status_computing;
      case WAITING -> R.string.status_waiting;
      case NO_PROJECT -> R.string.status_not_attached;
      case STOPPED -> R.string.status_stopped;
    };
  }

  private static int colour(VolunteerStatus.State state) {
    return switch (state) {
      case COMPUTING -> R.color.axon_running;
      case WAITING -> R.color.axon_paused;
      case NO_PROJECT, STOPPED -> R.color.axon_idle;
    };
  }
}
