package io.axon.android.engine;

import io.axon.android.monitor.PhoneState;
import io.axon.android.prefs.PhonePreferences;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Locale;

/**
 * Decides from the phone's state and the preferences whether Axon may compute, with hysteresis for
 * the charge (suspend below one level, resume only at a higher one) and the battery's temperature
 * (resume a few degrees below the maximum), so that a phone near a threshold does not start and
 * stop every minute (BOINC #5305). Thread-safe; the latches live as long as the app.
 */
@Singleton
public final class PhonePolicy {
  /** Computing starts only at the resume level, and then goes on down to the suspend level. */
  private boolean batteryLow = true;

  private boolean batteryHot;

  @Inject
  public PhonePolicy() {}

  /** The decision for {@code state}; updates the hysteresis latches. */
  public synchronized PhoneDecision decide(PhonePreferences prefs, PhoneState state) {
    double charge = state.batteryPercent();
    if (!Double.isNaN(charge) && prefs.suspendBelowPercent() > 0) {
      if (charge < prefs.suspendBelowPercent()) {
        batteryLow = true;
      } else if (charge >= prefs.resumeAtPercent()) {
        batteryLow = false;
      }
    } else {
      batteryLow = false;
    }
    double heat = state.batteryTemperatureCelsius();
    if (!Double.isNaN(heat)) {
      if (heat > prefs.maxBatteryTemperatureCelsius()) {
        batteryHot = true;
      } else if (heat <= prefs.resumeBelowTemperatureCelsius()) {
        batteryHot = false;
      }
    }
    boolean transfers = state.networkConnected() && (!prefs.unmeteredOnly() || state.unmetered());
    if (prefs.chargingOnly() && !state.plugged()) {
      return waiting(PhoneDecision.Cause.NOT_CHARGING, "waiting: not charging", transfers);
    }
    if (batteryLow) {
      return waiting(
          PhoneDecision.Cause.BATTERY_LOW,
          String.format(
              Locale.ROOT,
              "waiting: battery %d %%, resumes at %d %%",
              (int) Math.floor(charge),
              prefs.resumeAtPercent()),
          transfers);
    }
    if (batteryHot) {
      return waiting(
          PhoneDecision.Cause.BATTERY_HOT,
          String.format(
              Locale.ROOT,
              "waiting: battery %.1f °C, resumes at %d °C",
              heat,
              prefs.resumeBelowTemperatureCelsius()),
          transfers);
    }
    if (prefs.pauseWhileScreenOn() && state.screenOn()) {
      return waiting(PhoneDecision.Cause.SCREEN_ON, "waiting: screen on", transfers);
    }
    return new PhoneDecision(true, PhoneDecision.Cause.NONE, "computing", transfers);
  }

  private static PhoneDecision waiting(
      PhoneDecision.Cause cause, String reason, boolean transfers) {
    return new PhoneDecision(false, cause, reason, transfers);
  }

  /** Why transfers wait, or null when they may run. */
  public static String transferReason(PhonePreferences prefs, PhoneState state) {
    if (!state.networkConnected()) {
      return "transfers wait: no network";
    }
    if (prefs.unmeteredOnly() && !state.unmetered()) {
      return "transfers wait: metered network";
    }
    return null;
  }
}
