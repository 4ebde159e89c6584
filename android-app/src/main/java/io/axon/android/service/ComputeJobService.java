package io.axon.android.service;

import android.app.job.JobParameters;
import android.app.job.JobService;

/** The JobScheduler job that starts {@link ComputeService} when the constraints hold (skeleton). */
public final class ComputeJobService extends JobService {
  @Override
  public boolean onStartJob(JobParameters params) {
    return false;
  }

  @Override
  public boolean onStopJob(JobParameters params) {
    return false;
  }
}
