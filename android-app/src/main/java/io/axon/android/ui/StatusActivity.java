package io.axon.android.ui;

import android.Manifest;
import android.content.ActivityNotFoundException;
import android.content.Intent;
import android.content.pm.PackageManager;
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
 *
 * <p>When volunteering is switched on, and when the screen opens with it on, it asks for what Axon
 * needs to compute on its own (see {@link PhoneSetup}): the notification permission on Android 13+
 * (refused: volunteering goes on, a note says the progress notification is hidden), and on Android
 * 12+ the exemption from battery optimisation, explained on a card with a button to the system's
 * dialog, shown for as long as Axon is not exempt.
 */
public final class StatusActivity extends ScreenActivity {
  /** How often the screen reads the status again while it is visible (as the desktop app does). */
  static final long REFRESH_MILLIS = 1000;

  /** The request code of the notification permission. */
  static final int ASK_NOTIFICATIONS = 1;

  private static final String ASKED = "axon.asked-notifications";
  private static final String REFUSED = "axon.notifications-refused";

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
  private View notificationsOff;
  private View background;
  // asked once per visit (and on each switch-on), not on each start: Android answers "denied" at
  // once after the second refusal, and asking again and again would loop
  private boolean askedNotifications;
  private boolean notificationsRefused;

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
    notificationsOff = findViewById(R.id.status_notifications_off);
    background = findViewById(R.id.status_background);
    if (savedInstanceState != null) {
      askedNotifications = savedInstanceState.getBoolean(ASKED);
      notificationsRefused = savedInstanceState.getBoolean(REFUSED);
    }
    onOff.setOnCheckedChangeListener((button, on) -> switched(on));
    findViewById(R.id.status_background_allow).setOnClickListener(v -> askToRunInBackground());
    open(R.id.nav_projects, ProjectsActivity.class);
    open(R.id.nav_preferences, PreferencesActivity.class);
    open(R.id.nav_earnings, EarningsActivity.class);
    open(R.id.nav_eventlog, EventLogActivity.class);
  }

  @Override
  protected void onStart() {
    super.onStart();
    handler.postDelayed(refresh, REFRESH_MILLIS);
    if (facade.isEnabled() && !askedNotifications) {
      askForNotifications();
    }
  }

  @Override
  protected void onResume() {
    super.onResume();
    // back from the system's dialogs (notifications, battery optimisation): show what they changed
    showSetup();
    // in the foreground now: computing that Android refused to start from the job starts
    facade.inForeground();
  }

  @Override
  protected void onSaveInstanceState(Bundle outState) {
    super.onSaveInstanceState(outState);
    outState.putBoolean(ASKED, askedNotifications);
    outState.putBoolean(REFUSED, notificationsRefused);
  }

  private void switched(boolean on) {
    facade.setEnabled(on);
    if (on) {
      askForNotifications();
    }
    showSetup();
  }

  private void askForNotifications() {
    if (PhoneSetup.notificationsAllowed(this)) {
      return;
    }
    askedNotifications = true;
    requestPermissions(new String[] {Manifest.permission.POST_NOTIFICATIONS}, ASK_NOTIFICATIONS);
  }

  @Override
  public void onRequestPermissionsResult(int requestCode, String[] permissions, int[] results) {
    if (requestCode != ASK_NOTIFICATIONS) {
      super.onRequestPermissionsResult(requestCode, permissions, results);
      return;
    }
    // no answer at all (the dialog was interrupted) is no refusal
    notificationsRefused = results.length > 0 && results[0] != PackageManager.PERMISSION_GRANTED;
    showSetup();
  }

  private void askToRunInBackground() {
    try {
      startActivity(PhoneSetup.askToRunInBackground(this));
    } catch (ActivityNotFoundException e) {
      // a few vendors' settings lack the dialog: their list of apps has the same switch
      startActivity(PhoneSetup.batteryOptimisationSettings());
    }
  }

  /** The note on notifications and the card on running in the background, while they apply. */
  private void showSetup() {
    boolean enabled = facade.isEnabled();
    boolean hidden = enabled && notificationsRefused && !PhoneSetup.notificationsAllowed(this);
    notificationsOff.setVisibility(hidden ? View.VISIBLE : View.GONE);
    boolean restricted = enabled && PhoneSetup.backgroundStartRestricted(this);
    background.setVisibility(restricted ? View.VISIBLE : View.GONE);
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
      onOff.setOnCheckedChangeListener((button, on) -> switched(on));
      showSetup();
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
