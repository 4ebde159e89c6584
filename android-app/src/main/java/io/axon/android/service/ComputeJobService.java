package io.axon.android.service;

import android.app.job.JobParameters;
import android.app.job.JobService;
import android.content.Intent;
import io.axon.android.AxonApp;
import io.axon.android.engine.Volunteering;

/**
 * Run by JobScheduler when the constraints hold: starts {@link ComputeService}, which does the work
 * and watches the finer conditions (charge band, heat, screen) itself. The job itself ends at once;
 * the service reschedules it when it stops for a condition JobScheduler can watch.
 *
 * <p>From Android 12, a foreground service may start from the background only in listed cases; an
 * app the volunteer exempted from battery optimisation is one of them. Without the exemption
 * Android may refuse: the refusal goes to the event log and to the status ("waiting: Android
 * blocked background start; ..."), whose screen offers the exemption; the job is kept, and the
 * service starts the next time the app is opened or the switch is turned on.
 */
public final class ComputeJobService extends JobService {
  @Override
  public boolean onStartJob(JobParameters params) {
    var component = ((AxonApp) getApplication()).component();
    Volunteering volunteering = component.volunteering();
    if (!volunteering.isEnabled() || volunteering.projects().isEmpty()) {
      return false;
    }
    try {
      startForegroundService(new Intent(this, ComputeService.class));
    } catch (IllegalStateException e) {
      // ForegroundServiceStartNotAllowedException (API 31) is an IllegalStateException
      volunteering.backgroundStartRefused(e.getMessage());
      component.scheduler().schedule(volunteering.preferences());
    }
    return false;
  }

  @Override
  public boolean onStopJob(JobParameters params) {
    return false;
  }
}
