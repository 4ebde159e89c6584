package io.axon.android.service;

import static org.assertj.core.api.Assertions.assertThat;

import android.app.Application;
import android.app.job.JobInfo;
import android.app.job.JobScheduler;
import io.axon.android.prefs.PhonePreferences;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.RobolectricTestRunner;
import org.robolectric.RuntimeEnvironment;

@RunWith(RobolectricTestRunner.class)
public class ComputeSchedulerTest {
  private final Application app = RuntimeEnvironment.getApplication();
  private final ComputeScheduler scheduler = new ComputeScheduler(app);

  @Test
  public void jobWaitsForChargerHealthyBatteryAndUnmeteredNetworkWithPhoneDefaults() {
    scheduler.schedule(PhonePreferences.defaults());

    JobInfo job = app.getSystemService(JobScheduler.class).getPendingJob(ComputeScheduler.JOB_ID);
    assertThat(job.isRequireCharging()).isTrue();
    assertThat(job.isRequireBatteryNotLow()).isTrue();
    assertThat(job.getNetworkType()).isEqualTo(JobInfo.NETWORK_TYPE_UNMETERED);
    assertThat(job.isPersisted()).isTrue();
    assertThat(job.getService().getClassName()).isEqualTo(ComputeJobService.class.getName());
  }

  @Test
  public void jobConstraintsFollowThePreferences() {
    scheduler.schedule(new PhonePreferences(false, 0, 95, 40, false, true, 50));

    JobInfo job = app.getSystemService(JobScheduler.class).getPendingJob(ComputeScheduler.JOB_ID);
    assertThat(job.isRequireCharging()).isFalse();
    assertThat(job.getNetworkType()).isEqualTo(JobInfo.NETWORK_TYPE_ANY);

    scheduler.cancel();
    assertThat(app.getSystemService(JobScheduler.class).getAllPendingJobs()).isEmpty();
  }
}
