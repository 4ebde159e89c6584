package io.axon.android.ui;

import static io.axon.android.ui.Screens.click;
import static io.axon.android.ui.Screens.shown;
import static io.axon.android.ui.Screens.text;
import static io.axon.android.ui.Screens.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import io.axon.android.Earnings;
import io.axon.android.R;
import io.axon.coordinator.testing.TestCoordinator;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.runner.RunWith;
import org.robolectric.Robolectric;
import org.robolectric.RobolectricTestRunner;

/**
 * The earnings screen against the app's real facade and a real coordinator that granted the account
 * credit for a unit one of the volunteer's computers trained.
 */
@RunWith(RobolectricTestRunner.class)
public class EarningsActivityTest {
  @Rule public TemporaryFolder folder = new TemporaryFolder();

  private static EarningsActivity open() {
    return Robolectric.buildActivity(EarningsActivity.class).setup().get();
  }

  @Test
  public void withoutAProjectItSaysWhereCreditComesFrom() {
    EarningsActivity screen = open();
    assertThat(shown(screen, R.id.earnings_message)).isTrue();
    assertThat(text(screen, R.id.earnings_message))
        .isEqualTo("Attach a project first: the coordinator keeps your credit.");
    assertThat(shown(screen, R.id.earnings_figures)).isFalse();
  }

  @Test
  public void showsCreditRacAndMoneyAsTheCoordinatorReportsThem() throws Exception {
    try (TestCoordinator coordinator = Coordinators.start(folder.newFolder().toPath())) {
      String key =
          Coordinators.earnCreditForNewAccount(coordinator, "ada", folder.newFolder().toPath());
      String url = Screens.facade().attach(coordinator.url(), key).coordinatorUrl();
      Earnings reported = Screens.facade().earnings(url);
      assertThat(reported.totalCredit()).isPositive();

      EarningsActivity screen = open();
      waitUntil(
          "the figures are shown",
          Duration.ofSeconds(20),
          () -> shown(screen, R.id.earnings_figures));
      assertThat(text(screen, R.id.earnings_project)).isEqualTo("ada at " + url);
      assertThat(text(screen, R.id.earnings_credit))
          .isEqualTo(Formats.credit(reported.totalCredit()));
      assertThat(text(screen, R.id.earnings_rac))
          .isEqualTo(Formats.credit(reported.recentAverageCredit()));
      assertThat(text(screen, R.id.earnings_money))
          .isEqualTo(Formats.money(reported.totalEarnings(), reported.currency()))
          .endsWith(reported.currency());
      CreditChartView chart = screen.findViewById(R.id.earnings_chart);
      String today = LocalDate.now(ZoneOffset.UTC).toString().substring(5);
      assertThat(chart.points())
          .containsExactly(new CreditChartView.Point(today, reported.totalCredit()));
      assertThat(chart.getContentDescription().toString())
          .isEqualTo(
              "Credit from "
                  + today
                  + " to "
                  + today
                  + ": "
                  + Formats.credit(reported.totalCredit())
                  + " in all");
    }
  }

  @Test
  public void aCoordinatorThatCannotBeReachedIsSaidSoAndRefreshAsksAgain() throws Exception {
    EarningsActivity screen;
    String url;
    try (TestCoordinator coordinator = Coordinators.start(folder.newFolder().toPath())) {
      String key = coordinator.createAccount("ada");
      url = Screens.facade().attach(coordinator.url(), key).coordinatorUrl();
      screen = open();
      waitUntil("the figures are shown", () -> shown(screen, R.id.earnings_figures));
      assertThat(text(screen, R.id.earnings_credit)).isEqualTo("0.00");
    }
    click(screen, R.id.earnings_refresh);
    waitUntil(
        "the failure is shown",
        () -> text(screen, R.id.earnings_message).startsWith("No figures from the coordinator: "));
    assertThat(shown(screen, R.id.earnings_figures)).isFalse();
    assertThat(screen.findViewById(R.id.earnings_refresh).isEnabled()).isTrue();
    assertThat(text(screen, R.id.earnings_project)).isEqualTo(url);
  }
}
