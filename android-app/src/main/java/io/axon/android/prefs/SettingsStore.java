package io.axon.android.prefs;

import android.content.Context;
import android.content.SharedPreferences;
import io.axon.android.Project;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import org.json.JSONArray;
import org.json.JSONException;
import org.json.JSONObject;

/**
 * The app's settings in app-private shared preferences (committed synchronously, so that nothing is
 * lost when Android kills the process right after a change): the switch, the phone preferences and
 * the attached projects.
 */
@Singleton
public final class SettingsStore {
  static final String FILE = "axon-settings";

  private final SharedPreferences shared;

  @Inject
  public SettingsStore(Context context) {
    this.shared = context.getSharedPreferences(FILE, Context.MODE_PRIVATE);
  }

  public boolean enabled() {
    return shared.getBoolean("enabled", false);
  }

  public void setEnabled(boolean enabled) {
    shared.edit().putBoolean("enabled", enabled).commit();
  }

  /** The saved preferences; the phone defaults where none were saved or they no longer validate. */
  public PhonePreferences preferences() {
    PhonePreferences d = PhonePreferences.defaults();
    try {
      return new PhonePreferences(
          shared.getBoolean("chargingOnly", d.chargingOnly()),
          shared.getInt("suspendBelowPercent", d.suspendBelowPercent()),
          shared.getInt("resumeAtPercent", d.resumeAtPercent()),
          shared.getInt("maxBatteryTemperatureCelsius", d.maxBatteryTemperatureCelsius()),
          shared.getBoolean("unmeteredOnly", d.unmeteredOnly()),
          shared.getBoolean("pauseWhileScreenOn", d.pauseWhileScreenOn()),
          shared.getInt("maxCpuPercent", d.maxCpuPercent()));
    } catch (InvalidPreferenceException e) {
      return d;
    }
  }

  public void setPreferences(PhonePreferences p) {
    shared
        .edit()
        .putBoolean("chargingOnly", p.chargingOnly())
        .putInt("suspendBelowPercent", p.suspendBelowPercent())
        .putInt("resumeAtPercent", p.resumeAtPercent())
        .putInt("maxBatteryTemperatureCelsius", p.maxBatteryTemperatureCelsius())
        .putBoolean("unmeteredOnly", p.unmeteredOnly())
        .putBoolean("pauseWhileScreenOn", p.pauseWhileScreenOn())
        .putInt("maxCpuPercent", p.maxCpuPercent())
        .commit();
  }

  public List<Project> projects() {
    List<Project> projects = new ArrayList<>();
    try {
      JSONArray array = new JSONArray(shared.getString("projects", "[]"));
      for (int i = 0; i < array.length(); i++) {
        JSONObject o = array.getJSONObject(i);
        projects.add(
            new Project(
                o.getString("coordinatorUrl"),
                o.getString("accountKey"),
                o.optString("accountName", "")));
      }
    } catch (JSONException e) {
      throw new IllegalStateException("the saved projects are damaged: " + e.getMessage(), e);
    }
    return projects;
  }

  public void setProjects(List<Project> projects) {
    JSONArray array = new JSONArray();
    try {
      for (Project p : projects) {
        array.put(
            new JSONObject()
                .put("coordinatorUrl", p.coordinatorUrl())
                .put("accountKey", p.accountKey())
                .put("accountName", p.accountName()));
      }
    } catch (JSONException e) {
      throw new IllegalArgumentException(e);
    }
    shared.edit().putString("projects", array.toString()).commit();
  }
}
