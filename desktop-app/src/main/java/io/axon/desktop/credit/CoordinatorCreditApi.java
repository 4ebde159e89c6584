package io.axon.desktop.credit;

import io.axon.core.client.CoordinatorClient;
import io.axon.core.client.CoordinatorException;
import io.axon.core.protocol.AccountCreated;
import io.axon.core.protocol.AccountSummary;
import io.axon.core.protocol.EarningsStatement;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The credit API through the coordinator client ({@code createAccount}, {@code account}, {@code
 * statement}). A coordinator without these routes (404, 405) keeps no credit: that is said as such,
 * never guessed.
 */
public final class CoordinatorCreditApi implements CreditApi {
  static final String UNAVAILABLE = "not available from this coordinator";

  @Inject
  public CoordinatorCreditApi() {}

  @Override
  public NewAccount createAccount(String coordinatorUrl, String name) throws IOException {
    try (CoordinatorClient client = client(coordinatorUrl)) {
      AccountCreated created = client.createAccount(name);
      return new NewAccount(created.name(), created.accountKey());
    } catch (CoordinatorException e) {
      throw unavailableIfMissing(e);
    }
  }

  @Override
  public Earnings earnings(String coordinatorUrl, String accountKey) throws IOException {
    try (CoordinatorClient client = client(coordinatorUrl)) {
      AccountSummary summary = client.account(accountKey);
      EarningsStatement statement = client.statement(accountKey, null, null);
      List<Earnings.Day> days = new ArrayList<>();
      for (EarningsStatement.Day day : statement.days()) {
        days.add(new Earnings.Day(day.date(), day.credit(), day.earnings()));
      }
      days.sort(Comparator.comparing(Earnings.Day::date));
      List<Earnings.Job> jobs = new ArrayList<>();
      for (EarningsStatement.Job job : statement.jobs()) {
        jobs.add(new Earnings.Job(job.jobName(), job.credit(), job.earnings()));
      }
      return new Earnings(
          summary.name(),
          summary.totalCredit(),
          summary.recentAverageCredit(),
          summary.currency(),
          summary.totalEarnings(),
          days,
          jobs);
    } catch (CoordinatorException e) {
      throw unavailableIfMissing(e);
    }
  }

  private static CoordinatorClient client(String url) {
    return CoordinatorClient.builder(url).maxAttempts(2).build();
  }

  private static IOException unavailableIfMissing(CoordinatorException e) {
    if (e.status() == 404 || e.status() == 405) {
      return new CreditUnavailableException(UNAVAILABLE);
    }
    if (e.status() == 401) {
      return new IOException("the coordinator does not know this account key", e);
    }
    return e;
  }
}
