package io.axon.android.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.robolectric.Shadows.shadowOf;

import android.app.Application;
import android.app.ForegroundServiceStartNotAllowedException;
import android.app.job.JobInfo;
import android.app.job.JobScheduler;
import android.content.ComponentName;
import android.content.Intent;
import android.widget.TextView;
import io.axon.android.AxonApp;
import io.axon.android.Phone;
import io.axon.android.Project;
import io.axon.android.R;
import io.axon.android.VolunteerFacade;
import io.axon.android.VolunteerStatus;
import io.axon.android.prefs.SettingsStore;
import io.axon.android.ui.StatusActivity;
import java.util.List;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.Robolectric;
import org.robolectric.RobolectricTestRunner;
import org.robolectric.RuntimeEnvironment;
import org.robolectric.annotation.Config;
import org.robolectric.annotation.Implementation;
import org.robolectric.annotation.Implements;
import org.robolectric.shadows.ShadowContextImpl;

@RunWith(RobolectricTestRunner.class)
public class ComputeJobServiceTest {
  private final Application app = RuntimeEnvironment.getApplication();
  private final SettingsStore settings = ((AxonApp) app).component().settings();

  /** Android 12+ for an app not exempt from battery optimisation, as the job meets it. */
  @Implements(className = "android.app.ContextImpl")
  public static class RefusingBackgroundStarts extends ShadowContextImpl {
    @Implementation
    @Override
    protected ComponentName startForegroundService(Intent service) {
      throw new ForegroundServiceStartNotAllowedException(
          "startForegroundService() not allowed due to mAllowStartForeground false");
    }
  }

  @Test
  public void jobStartsTheForegroundServiceWhenVolunteeringIsOnWithAProject() {
    settings.setProjects(List.of(new Project("http://192.0.2.1:8080", "acct-key", "ada")));
    settings.setEnabled(true);

    boolean keepsRunning =
        Robolectric.buildService(ComputeJobService.class).create().get().onStartJob(null);

    assertThat(keepsRunning).isFalse();
    assertThat(shadowOf(app).getNextStartedService().getComponent().getClassName())
        .isEqualTo(ComputeService.class.getName());
  }

  @Test
  public void jobDoesNothingWhileTheSwitchIsOffOrNoProjectIsAttached() {
    Robolectric.buildService(ComputeJobService.class).create().get().onStartJob(null);
    settings.setEnabled(true);
    Robolectric.buildService(ComputeJobService.class).create().get().onStartJob(null);

    assertThat(shadowOf(app).getNextStartedService()).isNull();
  }

  @Test
  @Config(shadows = RefusingBackgroundStarts.class)
  public void aBackgroundStartAndroidRefusesIsShownInTheStatusAndTheJobIsKept() {
    Phone.idealForComputing(app); // the phone allows computing: only Android stands in the way
    settings.setProjects(List.of(new Project("http://192.0.2.1:8080", "acct-key", "ada")));
    settings.setEnabled(true);

    Robolectric.buildService(ComputeJobService.class).create().get().onStartJob(null);

    VolunteerFacade facade = AxonApp.facade(app);
    VolunteerStatus status = facade.status();
    assertThat(status.state()).isEqualTo(VolunteerStatus.State.WAITING);
    assertThat(status.reason())
        .isEqualTo(
            "waiting: Android blocked background start; allow Axon to run in the background");
    assertThat(facade.eventLog())
        .anyMatch(line -> line.contains("Android did not let Axon start computing"));
    assertThat(app.getSystemService(JobScheduler.class).getAllPendingJobs())
        .extracting(JobInfo::getId)
        .containsExactly(ComputeScheduler.JOB_ID);

    // the status screen says so word for word (and survives Android refusing again)
    StatusActivity screen = Robolectric.buildActivity(StatusActivity.class).setup().get();
    assertThat(((TextView) screen.findViewById(R.id.status_reason)).getText().toString())
        .isEqualTo(status.reason());
  }
}
