package io.axon.android.prefs;

/**
 * How Axon may use the phone. The defaults ({@link #defaults()}) protect the battery and the data
 * plan: compute only while charging, with the charge above a band (suspend below 90 %, resume at 95
 * %: BOINC's single threshold flaps around it, BOINC #5305), the battery cool, on an unmetered
 * network, with the screen off, on half the cores.
 *
 * @param chargingOnly compute only while the phone is plugged in
 * @param suspendBelowPercent stop computing when the charge falls below this (0 disables the band)
 * @param resumeAtPercent start again only once the charge is back at this; above {@code
 *     suspendBelowPercent}
 * @param maxBatteryTemperatureCelsius stop above this battery temperature; resume {@value
 *     #TEMPERATURE_HYSTERESIS} degrees below
 * @param unmeteredOnly fetch work and hand in results only on unmetered networks (Wi-Fi)
 * @param pauseWhileScreenOn stop computing while the screen is on
 * @param maxCpuPercent at most this % of the cores train, at least one core
 */
public record PhonePreferences(
    boolean chargingOnly,
    int suspendBelowPercent,
    int resumeAtPercent,
    int maxBatteryTemperatureCelsius,
    boolean unmeteredOnly,
    boolean pauseWhileScreenOn,
    int maxCpuPercent) {

  /** Degrees below {@code maxBatteryTemperatureCelsius} at which computing resumes. */
  public static final int TEMPERATURE_HYSTERESIS = 3;

  public static final int MIN_TEMPERATURE = 25;
  public static final int MAX_TEMPERATURE = 50;

  private static final PhonePreferences DEFAULTS =
      new PhonePreferences(true, 90, 95, 40, true, true, 50);

  public PhonePreferences {
    if (suspendBelowPercent < 0 || suspendBelowPercent > 99) {
      throw new InvalidPreferenceException(
          "suspendBelowPercent",
          "Suspend below must be between 0 and 99 % (0 turns it off), got "
              + suspendBelowPercent
              + " %");
    }
    if (resumeAtPercent <= suspendBelowPercent || resumeAtPercent > 100) {
      throw new InvalidPreferenceException(
          "resumeAtPercent",
          "Resume at must be above suspend below ("
              + suspendBelowPercent
              + " %) and at most 100 %, got "
              + resumeAtPercent
              + " %");
    }
    if (maxBatteryTemperatureCelsius < MIN_TEMPERATURE
        || maxBatteryTemperatureCelsius > MAX_TEMPERATURE) {
      throw new InvalidPreferenceException(
          "maxBatteryTemperatureCelsius",
          "Maximum battery temperature must be between "
              + MIN_TEMPERATURE
              + " and "
              + MAX_TEMPERATURE
              + " °C, got "
              + maxBatteryTemperatureCelsius
              + " °C");
    }
    if (maxCpuPercent < 1 || maxCpuPercent > 100) {
      throw new InvalidPreferenceException(
          "maxCpuPercent", "Cores must be between 1 and 100 %, got " + maxCpuPercent + " %");
    }
  }

  /** The phone defaults a fresh install starts with. */
  public static PhonePreferences defaults() {
    return DEFAULTS;
  }

  /** The battery temperature at which computing resumes after a pause for heat. */
  public int resumeBelowTemperatureCelsius() {
    return maxBatteryTemperatureCelsius - TEMPERATURE_HYSTERESIS;
  }

  /** Training threads for a phone with {@code cores} cores: this share, at least one. */
  public int threads(int cores) {
    return Math.max(1, cores * maxCpuPercent / 100);
  }
}
