package io.axon.android.service;

import android.app.job.JobParameters;
import android.app.job.JobService;
import io.axon.android.AxonApp;
import io.axon.android.VolunteerFacade;

/**
 * Run by JobScheduler when the constraints hold: starts {@link ComputeService}, which does the work
 * and watches the finer conditions (charge band, heat, screen) itself. The job itself ends at once;
 * the service reschedules it when it stops for a condition JobScheduler can watch.
 */
public final class ComputeJobService extends JobService {
  @Override
  public boolean onStartJob(JobParameters params) {
    VolunteerFacade facade = AxonApp.facade(this);
    if (facade.isEnabled() && !facade.projects().isEmpty()) {
      startForegroundService(new android.content.Intent(this, ComputeService.class));
    }
    return false;
  }

  @Override
  public boolean onStopJob(JobParameters params) {
    return false;
  }
}
