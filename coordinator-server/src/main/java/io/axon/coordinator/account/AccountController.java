package io.axon.coordinator.account;

import io.axon.coordinator.CoordinatorConfig;
import io.axon.coordinator.web.ApiException;
import io.axon.coordinator.web.Bodies;
import io.axon.coordinator.web.Responses;
import io.axon.core.protocol.AccountRequest;
import io.javalin.http.Context;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * {@code POST /api/v1/accounts}, and {@code GET /api/v1/account} and {@code
 * /api/v1/account/statement} with the account's key in {@code X-Account-Key}.
 */
@Singleton
public final class AccountController {
  static final String KEY_HEADER = "X-Account-Key";

  private final AccountService accounts;
  private final long maxJsonBytes;

  @Inject
  public AccountController(AccountService accounts, CoordinatorConfig config) {
    this.accounts = accounts;
    this.maxJsonBytes = config.maxJsonBytes();
  }

  public void create(Context ctx) {
    AccountRequest request = Bodies.json(ctx, AccountRequest.class, maxJsonBytes);
    Responses.json(ctx, 201, accounts.create(request));
  }

  public void summary(Context ctx) {
    Responses.json(ctx, 200, accounts.summary(authenticate(ctx)));
  }

  public void statement(Context ctx) {
    AccountRow account = authenticate(ctx);
    Instant from = instant(ctx, "from");
    Instant to = instant(ctx, "to");
    Responses.json(ctx, 200, accounts.statement(account, from, to));
  }

  private AccountRow authenticate(Context ctx) {
    String key = ctx.header(KEY_HEADER);
    if (key == null || key.isBlank()) {
      throw ApiException.unauthorized(
          "missing " + KEY_HEADER + " header: send the key POST /api/v1/accounts returned");
    }
    return accounts
        .authenticate(key.trim())
        .orElseThrow(() -> ApiException.unauthorized("unknown account key"));
  }

  private static Instant instant(Context ctx, String name) {
    String value = ctx.queryParam(name);
    if (value == null || value.isEmpty()) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest(
          name + " must be an ISO-8601 instant such as 2026-11-23T00:00:00Z, got '" + value + "'");
    }
  }
}
