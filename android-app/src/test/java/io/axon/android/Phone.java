package io.axon.android;

import static org.robolectric.Shadows.shadowOf;

import android.content.Context;
import android.content.Intent;
import android.net.ConnectivityManager;
import android.net.Network;
import android.net.NetworkCapabilities;
import android.os.BatteryManager;
import android.os.PowerManager;
import org.robolectric.shadows.ShadowNetworkCapabilities;

/** Sets the simulated phone's battery, screen and network the way Android reports them. */
public final class Phone {
  private Phone() {}

  /** A sticky ACTION_BATTERY_CHANGED, as the battery service sends it. */
  public static void battery(Context context, boolean plugged, int percent, double celsius) {
    Intent intent = new Intent(Intent.ACTION_BATTERY_CHANGED);
    intent.putExtra(BatteryManager.EXTRA_PLUGGED, plugged ? BatteryManager.BATTERY_PLUGGED_AC : 0);
    intent.putExtra(BatteryManager.EXTRA_LEVEL, percent);
    intent.putExtra(BatteryManager.EXTRA_SCALE, 100);
    intent.putExtra(BatteryManager.EXTRA_TEMPERATURE, (int) Math.round(celsius * 10));
    context.sendStickyBroadcast(intent);
  }

  public static void screen(Context context, boolean on) {
    shadowOf(context.getSystemService(PowerManager.class)).setIsInteractive(on);
    context.sendBroadcast(new Intent(on ? Intent.ACTION_SCREEN_ON : Intent.ACTION_SCREEN_OFF));
  }

  public static void network(Context context, boolean unmetered) {
    ConnectivityManager connectivity = context.getSystemService(ConnectivityManager.class);
    Network network = connectivity.getActiveNetwork();
    NetworkCapabilities caps = ShadowNetworkCapabilities.newInstance();
    shadowOf(caps).addCapability(NetworkCapabilities.NET_CAPABILITY_INTERNET);
    if (unmetered) {
      shadowOf(caps).addCapability(NetworkCapabilities.NET_CAPABILITY_NOT_METERED);
    }
    shadowOf(connectivity).setNetworkCapabilities(network, caps);
  }

  /** Plugged in, full, cool, screen off, on Wi-Fi: every phone default allows computing. */
  public static void idealForComputing(Context context) {
    battery(context, true, 100, 30);
    screen(context, false);
    network(context, true);
  }
}
