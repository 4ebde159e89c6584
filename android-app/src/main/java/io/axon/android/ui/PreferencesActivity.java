package io.axon.android.ui;

import android.os.Bundle;
import android.text.Editable;
import android.text.TextWatcher;
import android.view.View;
import android.widget.Button;
import android.widget.EditText;
import android.widget.Switch;
import android.widget.TextView;
import io.axon.android.R;
import io.axon.android.VolunteerStatus;
import io.axon.android.prefs.InvalidPreferenceException;
import io.axon.android.prefs.PhonePreferences;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The phone's preferences, each number checked as it is typed by the preferences' own rules ({@link
 * PhonePreferences}), the message under the field; Save applies them.
 */
public final class PreferencesActivity extends ScreenActivity {
  private Switch chargingOnly;
  private Switch unmeteredOnly;
  private Switch pauseScreenOn;
  private TextView coresHint;
  private TextView message;
  private Button save;

  /** The number fields by the name of their record component, in screen order. */
  private final Map<String, EditText> fields = new LinkedHashMap<>();

  private final Map<String, TextView> errors = new LinkedHashMap<>();

  @Override
  protected void onCreate(Bundle savedInstanceState) {
    super.onCreate(savedInstanceState);
    setContentView(R.layout.activity_preferences);
    setTitle(R.string.prefs_title);
    chargingOnly = findViewById(R.id.prefs_charging_only);
    unmeteredOnly = findViewById(R.id.prefs_unmetered_only);
    pauseScreenOn = findViewById(R.id.prefs_pause_screen_on);
    coresHint = findViewById(R.id.prefs_cores_hint);
    message = findViewById(R.id.prefs_message);
    save = findViewById(R.id.prefs_save);
    field("suspendBelowPercent", R.id.prefs_suspend_below, R.id.prefs_suspend_below_error);
    field("resumeAtPercent", R.id.prefs_resume_at, R.id.prefs_resume_at_error);
    field(
        "maxBatteryTemperatureCelsius",
        R.id.prefs_max_temperature,
        R.id.prefs_max_temperature_error);
    field("maxCpuPercent", R.id.prefs_max_cores, R.id.prefs_max_cores_error);
    if (savedInstanceState == null) {
      fill(facade.preferences());
    }
    TextWatcher check =
        new TextWatcher() {
          @Override
          public void beforeTextChanged(CharSequence s, int start, int count, int after) {}

          @Override
          public void onTextChanged(CharSequence s, int start, int before, int count) {}

          @Override
          public void afterTextChanged(Editable s) {
            message.setVisibility(View.GONE);
            check();
          }
        };
    for (EditText f : fields.values()) {
      f.addTextChangedListener(check);
    }
    for (Switch s : new Switch[] {chargingOnly, unmeteredOnly, pauseScreenOn}) {
      s.setOnCheckedChangeListener((b, on) -> message.setVisibility(View.GONE));
    }
    save.setOnClickListener(v -> save());
    check();
  }

  private void field(String name, int field, int error) {
    fields.put(name, findViewById(field));
    errors.put(name, findViewById(error));
  }

  private void fill(PhonePreferences p) {
    chargingOnly.setChecked(p.chargingOnly());
    unmeteredOnly.setChecked(p.unmeteredOnly());
    pauseScreenOn.setChecked(p.pauseWhileScreenOn());
    fields.get("suspendBelowPercent").setText(Integer.toString(p.suspendBelowPercent()));
    fields.get("resumeAtPercent").setText(Integer.toString(p.resumeAtPercent()));
    fields
        .get("maxBatteryTemperatureCelsius")
        .setText(Integer.toString(p.maxBatteryTemperatureCelsius()));
    fields.get("maxCpuPercent").setText(Integer.toString(p.maxCpuPercent()));
  }

  /**
   * Shows every field's problem at once, or none; returns the preferences the form holds, or null
   * while any field is wrong.
   */
  private PhonePreferences check() {
    Map<String, String> problems = new LinkedHashMap<>();
    Map<String, Integer> numbers = new LinkedHashMap<>();
    PhonePreferences saved = facade.preferences();
    for (Map.Entry<String, EditText> f : fields.entrySet()) {
      String text = f.getValue().getText().toString().trim();
      try {
        numbers.put(f.getKey(), Integer.parseInt(text));
      } catch (NumberFormatException e) {
        problems.put(f.getKey(), getString(R.string.prefs_whole_number));
        numbers.put(f.getKey(), savedValue(saved, f.getKey()));
      }
    }
    // the record stops at its first problem: set that field back to the saved value and ask again,
    // so that every wrong field gets its message
    PhonePreferences valid = null;
    for (int attempt = 0; attempt <= fields.size() && valid == null; attempt++) {
      try {
        valid = build(numbers);
      } catch (InvalidPreferenceException e) {
        if (problems.containsKey(e.field()) || !numbers.containsKey(e.field())) {
          problems.putIfAbsent(e.field(), e.getMessage());
          break;
        }
        problems.put(e.field(), e.getMessage());
        numbers.put(e.field(), savedValue(saved, e.field()));
      }
    }
    for (Map.Entry<String, TextView> error : errors.entrySet()) {
      String problem = problems.get(error.getKey());
      error.getValue().setText(problem == null ? "" : problem);
      error.getValue().setVisibility(problem == null ? View.GONE : View.VISIBLE);
    }
    boolean ok = problems.isEmpty() && valid != null;
    save.setEnabled(ok);
    int cores = Runtime.getRuntime().availableProcessors();
    if (ok) {
      coresHint.setText(getString(R.string.prefs_cores_hint, valid.threads(cores), cores));
    }
    coresHint.setVisibility(ok ? View.VISIBLE : View.GONE);
    return ok ? valid : null;
  }

  private PhonePreferences build(Map<String, Integer> n) {
    return new PhonePreferences(
        chargingOnly.isChecked(),
        n.get("suspendBelowPercent"),
        n.get("resumeAtPercent"),
        n.get("maxBatteryTemperatureCelsius"),
        unmeteredOnly.isChecked(),
        pauseScreenOn.isChecked(),
        n.get("maxCpuPercent"));
  }

  private static int savedValue(PhonePreferences p, String field) {
    return switch (field) {
      case "suspendBelowPercent" -> p.suspendBelowPercent();
      case "resumeAtPercent" -> p.resumeAtPercent();
      case "maxBatteryTemperatureCelsius" -> p.maxBatteryTemperatureCelsius();
      case "maxCpuPercent" -> p.maxCpuPercent();
      default -> throw new IllegalArgumentException("no number field " + field);
    };
  }

  private void save() {
    PhonePreferences p = check();
    if (p == null) {
      show(getString(R.string.prefs_fix_first));
      return;
    }
    try {
      facade.setPreferences(p);
      show(getString(R.string.prefs_saved));
    } catch (InvalidPreferenceException e) {
      TextView error = errors.get(e.field());
      (error == null ? message : error).setText(e.getMessage());
      (error == null ? message : error).setVisibility(View.VISIBLE);
    }
  }

  private void show(String text) {
    message.setText(text);
    message.setVisibility(View.VISIBLE);
  }

  @Override
  void changed(VolunteerStatus status) {
    // the form holds what the volunteer typed; nothing on it follows the engine
  }
}
