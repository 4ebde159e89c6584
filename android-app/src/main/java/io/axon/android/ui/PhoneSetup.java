package io.axon.android.ui;

import android.Manifest;
import android.content.Context;
import android.content.Intent;
import android.content.pm.PackageManager;
import android.net.Uri;
import android.os.Build;
import android.os.PowerManager;
import android.provider.Settings;

/**
 * What the volunteer must allow for Axon to compute on its own, and the settings screen that asks.
 *
 * <ul>
 *   <li>Android 13+: the ongoing notification needs {@code POST_NOTIFICATIONS}, a runtime
 *       permission. Without it the service still runs in the foreground, its notification is just
 *       hidden, so refusing it does not stop volunteering.
 *   <li>Android 12+: a JobScheduler job may start a foreground service from the background only for
 *       an app exempt from battery optimisation. Asked from Android 12 only: on 8 to 11 the job may
 *       start the service anyway, and Doze already lets jobs run in its maintenance windows, so the
 *       exemption would cost the phone's battery for nothing.
 * </ul>
 */
final class PhoneSetup {
  private PhoneSetup() {}

  /** Whether Android shows Axon's notifications without asking (before 13) or was allowed to. */
  static boolean notificationsAllowed(Context context) {
    return Build.VERSION.SDK_INT < Build.VERSION_CODES.TIRAMISU
        || context.checkSelfPermission(Manifest.permission.POST_NOTIFICATIONS)
            == PackageManager.PERMISSION_GRANTED;
  }

  /**
   * Whether Android may refuse the job's start of computing (12+, not exempt from optimisation).
   */
  static boolean backgroundStartRestricted(Context context) {
    if (Build.VERSION.SDK_INT < Build.VERSION_CODES.S) {
      return false;
    }
    PowerManager power = context.getSystemService(PowerManager.class);
    return power != null && !power.isIgnoringBatteryOptimizations(context.getPackageName());
  }

  /** The system's dialog that exempts Axon from battery optimisation (one tap: Allow). */
  static Intent askToRunInBackground(Context context) {
    return new Intent(
        Settings.ACTION_REQUEST_IGNORE_BATTERY_OPTIMIZATIONS,
        Uri.parse("package:" + context.getPackageName()));
  }

  /** The list of apps and their optimisation, for phones whose settings lack the dialog. */
  static Intent batteryOptimisationSettings() {
    return new Intent(Settings.ACTION_IGNORE_BATTERY_OPTIMIZATION_SETTINGS);
  }
}
