package io.axon.android.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.robolectric.Shadows.shadowOf;

import android.app.Application;
import android.os.Looper;
import io.axon.android.AxonApp;
import io.axon.android.Phone;
import io.axon.android.Project;
import io.axon.android.VolunteerFacade;
import io.axon.android.VolunteerStatus;
import io.axon.android.VolunteerStatus.State;
import io.axon.android.prefs.InvalidPreferenceException;
import io.axon.android.prefs.PhonePreferences;
import io.axon.coordinator.testing.TestCoordinator;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.runner.RunWith;
import org.robolectric.RobolectricTestRunner;
import org.robolectric.RuntimeEnvironment;

/** The facade the screens use, against a real coordinator on a random port. */
@RunWith(RobolectricTestRunner.class)
public class VolunteeringTest {
  @Rule public final TemporaryFolder temp = new TemporaryFolder();

  private final Application app = RuntimeEnvironment.getApplication();
  private TestCoordinator coordinator;
  private VolunteerFacade facade;

  @Before
  public void start() {
    coordinator = TestCoordinator.start(temp.getRoot().toPath());
    facade = AxonApp.facade(app);
    Phone.idealForComputing(app);
  }

  @After
  public void stop() {
    coordinator.close();
  }

  @Test
  public void attachesWithAnAccountKeyAndSavesTheProject() throws IOException {
    String key = coordinator.createAccount("ada");

    Project project = facade.attach(coordinator.url() + "/", key);

    assertThat(project).isEqualTo(new Project(coordinator.url(), key, "ada"));
    assertThat(facade.projects()).containsExactly(project);
    assertThat(facade.eventLog())
        .anyMatch(l -> l.endsWith("attached to " + coordinator.url() + " as ada"));
    assertThatThrownBy(() -> facade.attach(coordinator.url(), key))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(coordinator.url() + " is attached already");
  }

  @Test
  public void attachSaysWhatIsWrongInWordsTheVolunteerUnderstands() {
    assertThatThrownBy(() -> facade.attach("ftp://example.org", "k"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("The coordinator URL must look like https://host");
    assertThatThrownBy(() -> facade.attach(coordinator.url(), " "))
        .hasMessage("The account key is missing");
    assertThatThrownBy(() -> facade.attach(coordinator.url(), "acct-unknown"))
        .isInstanceOf(IOException.class)
        .hasMessage(coordinator.url() + " does not know this account key");
    assertThat(facade.projects()).isEmpty();
  }

  @Test
  public void statusSaysStoppedNoProjectOrWaitingWithTheExactReason() throws IOException {
    assertThat(facade.status()).isEqualTo(new VolunteerStatus(State.STOPPED, "stopped", null));

    facade.setEnabled(true);
    assertThat(facade.status().reason()).isEqualTo("no project attached");

    facade.attach(coordinator.url(), coordinator.createAccount("ada"));
    facade.setPreferences(new PhonePreferences(true, 60, 90, 40, true, true, 50));
    Phone.battery(app, true, 71, 30);

    // the phone's readings are cached for half a second, and no service is here to refresh them
    await()
        .atMost(Duration.ofSeconds(5))
        .pollInSameThread()
        .untilAsserted(
            () ->
                assertThat(facade.status())
                    .isEqualTo(
                        new VolunteerStatus(
                            State.WAITING, "waiting: battery 71 %, resumes at 90 %", null)));
  }

  @Test
  public void listenersHearOfChangesOnTheMainThread() {
    List<VolunteerStatus> heard = new ArrayList<>();
    facade.addListener(heard::add);

    facade.setEnabled(true);
    shadowOf(Looper.getMainLooper()).idle();

    assertThat(heard).isNotEmpty();
    assertThat(heard.get(heard.size() - 1).reason()).isEqualTo("no project attached");
  }

  @Test
  public void preferencesAreSavedAndInvalidOnesNeverReachTheStore() {
    PhonePreferences mine = new PhonePreferences(false, 50, 80, 45, false, false, 100);

    facade.setPreferences(mine);

    assertThat(facade.preferences()).isEqualTo(mine);
    assertThatThrownBy(
            () -> facade.setPreferences(new PhonePreferences(true, 95, 90, 40, true, true, 50)))
        .isInstanceOf(InvalidPreferenceException.class);
    assertThat(facade.preferences()).isEqualTo(mine);
  }

  @Test
  public void detachForgetsTheProject() throws IOException {
    facade.attach(coordinator.url(), coordinator.createAccount("ada"));

    facade.detach(coordinator.url());

    assertThat(facade.projects()).isEmpty();
    assertThat(facade.eventLog()).anyMatch(l -> l.endsWith("detached from " + coordinator.url()));
  }

  @Test
  public void earningsComeFromTheCoordinatorsAccount() throws IOException {
    facade.attach(coordinator.url(), coordinator.createAccount("ada"));

    var earnings = facade.earnings(coordinator.url());

    assertThat(earnings.accountName()).isEqualTo("ada");
    assertThat(earnings.totalCredit()).isZero();
    assertThatThrownBy(() -> facade.earnings("http://127.0.0.1:1"))
        .isInstanceOf(IOException.class)
        .hasMessage("http://127.0.0.1:1 is not attached");
  }
}
