package io.axon.coordinator.admin;

import io.axon.coordinator.account.AccountRow;
import io.axon.coordinator.account.AccountService;
import io.axon.core.protocol.EarningsStatement;
import io.javalin.http.Context;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The volunteers' pages: a public leaderboard by credit and recent average credit, and a
 * volunteer's own credit, earnings over time and statement, opened with their account key (sent in
 * a form, never in a URL).
 */
@Singleton
public final class VolunteerController {
  static final int LEADERBOARD = 100;
  static final int ENTRIES_SHOWN = 50;

  private final AccountService accounts;
  private final AdminQueries queries;

  @Inject
  public VolunteerController(AccountService accounts, AdminQueries queries) {
    this.accounts = accounts;
    this.queries = queries;
  }

  public void leaderboard(Context ctx) {
    leaderboard(ctx, 200, null);
  }

  private void leaderboard(Context ctx, int status, String error) {
    Page page = new Page("Volunteers", "volunteers", null, WebSession.formToken(ctx), error, null);
    Pages.render(
        ctx,
        status,
        "volunteers",
        Map.of("page", page, "volunteers", queries.leaderboard(LEADERBOARD)));
  }

  public void mine(Context ctx) {
    if (!Tokens.same(WebSession.sentToken(ctx), ctx.cookie(WebSession.FORM))) {
      leaderboard(ctx, 403, AdminController.CSRF_REFUSED);
      return;
    }
    String key = ctx.formParam("accountKey");
    Optional<AccountRow> account =
        key == null || key.isBlank() ? Optional.empty() : accounts.authenticate(key.trim());
    if (account.isEmpty()) {
      leaderboard(ctx, 401, "No volunteer account has this key. Check the key and try again.");
      return;
    }
    EarningsStatement statement = accounts.statement(account.get(), null, null);
    Map<String, Object> params = new HashMap<>();
    params.put(
        "page",
        new Page(statement.name(), "volunteers", null, WebSession.formToken(ctx), null, null));
    params.put("summary", accounts.summary(account.get()));
    params.put("statement", statement);
    params.put(
        "entries",
        statement.entries().subList(0, Math.min(ENTRIES_SHOWN, statement.entries().size())));
    params.put("chart", chartJson(statement.days()));
    Pages.render(ctx, 200, "volunteer", params);
  }

  /** Cumulative credit and earnings per day: [{date, credit, earnings}]. */
  private static String chartJson(List<EarningsStatement.Day> days) {
    StringBuilder json = new StringBuilder("[");
    double credit = 0;
    java.math.BigDecimal earnings = java.math.BigDecimal.ZERO;
    for (EarningsStatement.Day day : days) {
      credit += day.credit();
      earnings = earnings.add(day.earnings());
      if (json.length() > 1) {
        json.append(',');
      }
      json.append(
          String.format(
              Locale.ROOT,
              "{\"date\":\"%s\",\"credit\":%s,\"earnings\":%s}",
              day.date(),
              Double.toString(credit),
              earnings.toPlainString()));
    }
    return json.append(']').toString();
  }
}
