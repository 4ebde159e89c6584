package io.axon.android.ui;

import static io.axon.android.ui.Screens.click;
import static io.axon.android.ui.Screens.shown;
import static io.axon.android.ui.Screens.text;
import static io.axon.android.ui.Screens.type;
import static io.axon.android.ui.Screens.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import android.widget.LinearLayout;
import android.widget.TextView;
import io.axon.android.Project;
import io.axon.android.R;
import io.axon.coordinator.testing.TestCoordinator;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.runner.RunWith;
import org.robolectric.Robolectric;
import org.robolectric.RobolectricTestRunner;

/** The projects screen against the app's real facade and a real coordinator on a random port. */
@RunWith(RobolectricTestRunner.class)
public class ProjectsActivityTest {
  @Rule public TemporaryFolder folder = new TemporaryFolder();

  private static ProjectsActivity open() {
    return Robolectric.buildActivity(ProjectsActivity.class).setup().get();
  }

  @Test
  public void anAddressThatIsNoCoordinatorIsToldUnderTheAddressField() {
    ProjectsActivity screen = open();
    type(screen, R.id.projects_url, "coordinator.example");
    type(screen, R.id.projects_key, "some-key");
    click(screen, R.id.projects_attach);
    waitUntil("the address field shows an error", () -> shown(screen, R.id.projects_url_error));
    assertThat(text(screen, R.id.projects_url_error)).isNotEmpty();
    assertThat(shown(screen, R.id.projects_key_error)).isFalse();
    assertThat(Screens.facade().projects()).isEmpty();
    assertThat(shown(screen, R.id.projects_none)).isTrue();

    type(screen, R.id.projects_url, "http://"); // editing the field clears its message
    assertThat(shown(screen, R.id.projects_url_error)).isFalse();
  }

  @Test
  public void aKeyTheCoordinatorDoesNotKnowIsToldUnderTheKeyField() throws Exception {
    try (TestCoordinator coordinator = Coordinators.start(folder.newFolder().toPath())) {
      ProjectsActivity screen = open();
      type(screen, R.id.projects_url, coordinator.url());
      type(screen, R.id.projects_key, "no-such-key-0000000000000000");
      click(screen, R.id.projects_attach);
      waitUntil("the key field shows an error", () -> shown(screen, R.id.projects_key_error));
      assertThat(shown(screen, R.id.projects_url_error)).isFalse();
      assertThat(screen.findViewById(R.id.projects_attach).isEnabled()).isTrue();
      assertThat(Screens.facade().projects()).isEmpty();
    }
  }

  @Test
  public void attachesWithAnAccountKeyAndDetaches() throws Exception {
    try (TestCoordinator coordinator = Coordinators.start(folder.newFolder().toPath())) {
      String key = coordinator.createAccount("ada");
      ProjectsActivity screen = open();
      type(screen, R.id.projects_url, coordinator.url());
      type(screen, R.id.projects_key, key);
      click(screen, R.id.projects_attach);
      waitUntil("the project is listed", () -> !Screens.facade().projects().isEmpty());
      waitUntil("the screen lists it", () -> rows(screen).getChildCount() == 1);

      Project project = Screens.facade().projects().get(0);
      assertThat(project.accountKey()).isEqualTo(key);
      assertThat(text(screen, R.id.projects_message))
          .isEqualTo("Attached to " + project.coordinatorUrl() + " as ada.");
      assertThat(rowText(screen, R.id.project_url)).isEqualTo(project.coordinatorUrl());
      assertThat(rowText(screen, R.id.project_detail)).isEqualTo("Account: ada");
      assertThat(shown(screen, R.id.projects_none)).isFalse();
      assertThat(text(screen, R.id.projects_key)).isEmpty(); // the key is not left on screen

      click(screen, R.id.project_detach);
      assertThat(Screens.facade().projects()).isEmpty();
      assertThat(rows(screen).getChildCount()).isZero();
      assertThat(shown(screen, R.id.projects_none)).isTrue();
      assertThat(text(screen, R.id.projects_message))
          .isEqualTo("Detached from " + project.coordinatorUrl() + ".");
    }
  }

  private static LinearLayout rows(ProjectsActivity screen) {
    return screen.findViewById(R.id.projects_list);
  }

  private static String rowText(ProjectsActivity screen, int id) {
    return ((TextView) rows(screen).getChildAt(0).findViewById(id)).getText().toString();
  }
}
