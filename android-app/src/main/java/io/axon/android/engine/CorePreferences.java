package io.axon.android.engine;

import io.axon.android.prefs.PhonePreferences;
import io.axon.core.prefs.Preferences;
import io.axon.core.prefs.Schedule;
import java.time.DayOfWeek;
import java.util.List;
import java.util.Map;

/**
 * The shared-core preferences the engine runs under on a phone. The phone policy decides whether to
 * compute at all (the engine is stopped, with a checkpoint, while it may not); inside the engine
 * only the core share and the network apply: transfers pause on a metered network when the
 * volunteer asked for unmetered only, while a unit in hand keeps training.
 */
final class CorePreferences {
  /** No transfers on any day. */
  static final Schedule NEVER = never();

  private CorePreferences() {}

  static Preferences from(PhonePreferences phone, boolean transfersAllowed) {
    // no CPU-load rule: Android does not let apps see other processes' CPU time
    Preferences.UsageLimits limits = new Preferences.UsageLimits(phone.maxCpuPercent(), 100, 0, 50);
    Preferences d = Preferences.defaults();
    return new Preferences(
        Preferences.RunMode.BY_PREFERENCES,
        null,
        d.inUseMinutes(),
        limits,
        limits,
        false,
        // charge, heat and screen are the phone policy's: it stops the engine
        false,
        0,
        Schedule.ALWAYS,
        transfersAllowed ? Schedule.ALWAYS : NEVER,
        d.network(),
        d.disk(),
        d.loadGraceSeconds(),
        Map.of(),
        0);
  }

  private static Schedule never() {
    Schedule schedule = Schedule.ALWAYS;
    for (DayOfWeek day : DayOfWeek.values()) {
      schedule = schedule.with(day, List.of());
    }
    return schedule;
  }
}
