package io.axon.android.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.robolectric.Shadows.shadowOf;

import android.app.Application;
import io.axon.android.AxonApp;
import io.axon.android.Project;
import io.axon.android.prefs.SettingsStore;
import java.util.List;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.Robolectric;
import org.robolectric.RobolectricTestRunner;
import org.robolectric.RuntimeEnvironment;

@RunWith(RobolectricTestRunner.class)
public class ComputeJobServiceTest {
  private final Application app = RuntimeEnvironment.getApplication();
  private final SettingsStore settings = ((AxonApp) app).component().settings();

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
}
