package io.axon.android.monitor;

import android.app.ActivityManager;
import android.content.Context;
import android.content.Intent;
import android.content.IntentFilter;
import android.net.ConnectivityManager;
import android.net.Network;
import android.net.NetworkCapabilities;
import android.os.BatteryManager;
import android.os.PowerManager;
import io.axon.core.monitor.Memoized;
import io.axon.core.monitor.PowerSource;
import io.axon.core.monitor.Readings;
import io.axon.core.monitor.ResourceMonitor;
import io.axon.core.monitor.UserIdle;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * The phone's side of {@link ResourceMonitor}: charge, plug and temperature from the sticky {@link
 * Intent#ACTION_BATTERY_CHANGED} broadcast (no polling of the battery driver, no receiver needed to
 * read it), the network from {@link ConnectivityManager}, the screen from {@link PowerManager}.
 * Readings are cached for half a second; the service's receivers ask for a fresh one when a
 * broadcast arrives.
 */
@Singleton
public final class AndroidResourceMonitor implements ResourceMonitor {
  static final Duration CACHE = Duration.ofMillis(500);

  private final Context context;
  private volatile Memoized<PhoneState> phone;

  @Inject
  public AndroidResourceMonitor(Context context) {
    this.context =
        context.getApplicationContext() == null ? context : context.getApplicationContext();
    this.phone = Memoized.of(this::readPhone, CACHE);
  }

  /** The phone's state, at most half a second old. */
  public PhoneState phone() {
    return phone.get();
  }

  /** Forgets the cached reading, e.g. when a battery or screen broadcast arrives. */
  public void invalidate() {
    phone = Memoized.of(this::readPhone, CACHE);
  }

  @Override
  public Readings read() {
    PhoneState state = phone();
    ActivityManager.MemoryInfo memory = new ActivityManager.MemoryInfo();
    ActivityManager activities = context.getSystemService(ActivityManager.class);
    long total = -1;
    long available = -1;
    if (activities != null) {
      activities.getMemoryInfo(memory);
      total = memory.totalMem > 0 ? memory.totalMem : -1;
      available = memory.totalMem > 0 ? memory.availMem : -1;
    }
    return new Readings(
        // Android 8+ hides other processes' CPU time from apps: unknown, never guessed
        Double.NaN,
        Double.NaN,
        Math.max(1, Runtime.getRuntime().availableProcessors()),
        total,
        available,
        state.plugged() ? PowerSource.AC : PowerSource.BATTERY,
        state.batteryPercent(),
        // no CPU sensor for apps; the battery's temperature is watched by the phone policy
        Double.NaN,
        UserIdle.unknown("Android: the screen state decides (pause while the screen is on)"));
  }

  private PhoneState readPhone() {
    Intent battery =
        context.registerReceiver(null, new IntentFilter(Intent.ACTION_BATTERY_CHANGED));
    boolean plugged = false;
    double percent = Double.NaN;
    double temperature = Double.NaN;
    if (battery != null) {
      plugged = battery.getIntExtra(BatteryManager.EXTRA_PLUGGED, 0) != 0;
      int level = battery.getIntExtra(BatteryManager.EXTRA_LEVEL, -1);
      int scale = battery.getIntExtra(BatteryManager.EXTRA_SCALE, -1);
      if (level >= 0 && scale > 0) {
        percent = 100.0 * level / scale;
      }
      // tenths of a degree Celsius
      int tenths = battery.getIntExtra(BatteryManager.EXTRA_TEMPERATURE, Integer.MIN_VALUE);
      if (tenths != Integer.MIN_VALUE) {
        temperature = tenths / 10.0;
      }
    }
    boolean connected = false;
    boolean unmetered = false;
    ConnectivityManager connectivity = context.getSystemService(ConnectivityManager.class);
    if (connectivity != null) {
      Network network = connectivity.getActiveNetwork();
      NetworkCapabilities caps =
          network == null ? null : connectivity.getNetworkCapabilities(network);
      if (caps != null) {
        connected = caps.hasCapability(NetworkCapabilities.NET_CAPABILITY_INTERNET);
        unmetered = connected && caps.hasCapability(NetworkCapabilities.NET_CAPABILITY_NOT_METERED);
      }
    }
    PowerManager power = context.getSystemService(PowerManager.class);
    boolean screenOn = power != null && power.isInteractive();
    return new PhoneState(plugged, percent, temperature, connected, unmetered, screenOn);
  }
}
