package io.axon.android.monitor;

/**
 * What decides whether a phone may compute, read at one moment.
 *
 * @param plugged on a charger (AC, USB or wireless)
 * @param batteryPercent charge in percent (0..100), NaN if the phone does not say
 * @param batteryTemperatureCelsius battery temperature, NaN if the phone does not say
 * @param networkConnected a network with internet access is up
 * @param unmetered that network is unmetered (Wi-Fi, Ethernet), false without a network
 * @param screenOn the screen is on (the phone is interactive)
 */
public record PhoneState(
    boolean plugged,
    double batteryPercent,
    double batteryTemperatureCelsius,
    boolean networkConnected,
    boolean unmetered,
    boolean screenOn) {}
