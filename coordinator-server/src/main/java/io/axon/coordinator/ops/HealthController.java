package io.axon.coordinator.ops;

import io.axon.coordinator.db.Database;
import io.axon.core.protocol.ProtocolJson;
import io.javalin.http.Context;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code GET /health}: 200 {@code {"status":"UP"}} while the database answers, else 503 {@code
 * {"status":"DOWN","detail":...}}, within a bounded time so a load balancer is never left waiting
 * for the pool's connection timeout. One check runs at a time; callers meanwhile share it.
 */
@Singleton
public final class HealthController implements AutoCloseable {
  static final long TIMEOUT_MILLIS = 2_000;

  private final Jdbi jdbi;
  private final ExecutorService checker =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread thread = new Thread(r, "axon-health");
            thread.setDaemon(true);
            return thread;
          });
  private CompletableFuture<Void> running;

  @Inject
  public HealthController(Database database) {
    this.jdbi = database.jdbi();
  }

  public void health(Context ctx) {
    Map<String, String> body = new LinkedHashMap<>();
    try {
      check().get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
      body.put("status", "UP");
      ctx.status(200);
    } catch (TimeoutException e) {
      down(ctx, body, "the database did not answer within " + TIMEOUT_MILLIS + " ms");
    } catch (ExecutionException e) {
      down(ctx, body, "the database is unreachable: " + rootMessage(e.getCause()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      down(ctx, body, "interrupted");
    }
    ctx.contentType("application/json").result(ProtocolJson.toJson(body));
  }

  private synchronized CompletableFuture<Void> check() {
    if (running == null || running.isDone()) {
      running =
          CompletableFuture.runAsync(
              () -> jdbi.useHandle(h -> h.createQuery("SELECT 1").mapTo(int.class).one()), checker);
    }
    return running;
  }

  private static void down(Context ctx, Map<String, String> body, String detail) {
    body.put("status", "DOWN");
    body.put("detail", detail);
    ctx.status(503);
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }

  @Override
  public void close() {
    checker.shutdownNow();
  }
}
