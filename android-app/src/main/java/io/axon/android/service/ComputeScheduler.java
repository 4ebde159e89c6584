package io.axon.android.service;

import android.app.job.JobInfo;
import android.app.job.JobScheduler;
import android.content.ComponentName;
import android.content.Context;
import android.content.Intent;
import io.axon.android.prefs.PhonePreferences;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * Schedules the computing job the way Android allows background work: JobScheduler starts {@link
 * ComputeJobService} once the phone charges (if asked), its battery is not low and an unmetered
 * network is up (if asked), also after a reboot; the job starts {@link ComputeService}.
 */
@Singleton
public final class ComputeScheduler {
  /** The one job of the app. */
  public static final int JOB_ID = 8;

  private final Context context;

  @Inject
  public ComputeScheduler(Context context) {
    this.context = context;
  }

  /** The job for {@code prefs}: its constraints mirror the preferences JobScheduler can watch. */
  public JobInfo job(PhonePreferences prefs) {
    return new JobInfo.Builder(JOB_ID, new ComponentName(context, ComputeJobService.class))
        .setRequiresCharging(prefs.chargingOnly())
        .setRequiresBatteryNotLow(true)
        .setRequiredNetworkType(
            prefs.unmeteredOnly() ? JobInfo.NETWORK_TYPE_UNMETERED : JobInfo.NETWORK_TYPE_ANY)
        .setPersisted(true)
        .build();
  }

  /** Schedules (or reschedules with new constraints) the job. */
  public void schedule(PhonePreferences prefs) {
    jobs().schedule(job(prefs));
  }

  public void cancel() {
    jobs().cancel(JOB_ID);
  }

  /** Starts the service now (the volunteer flipped the switch while the conditions hold). */
  public void startNow() {
    context.startForegroundService(new Intent(context, ComputeService.class));
  }

  public void stopService() {
    context.stopService(new Intent(context, ComputeService.class));
  }

  private JobScheduler jobs() {
    return context.getSystemService(JobScheduler.class);
  }
}
