package io.axon.coordinator.admin;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Limits failed logins per account name and per client address within a sliding window. Kept in
 * memory: with several coordinators an attacker gets each one's allowance, which still bounds
 * guessing to a few attempts a minute.
 */
final class LoginThrottle {
  static final int PER_ACCOUNT = 5;
  static final int PER_ADDRESS = 20;
  static final Duration WINDOW = Duration.ofMinutes(15);

  private final Clock clock;
  private final Map<String, Deque<Long>> failures = new ConcurrentHashMap<>();

  LoginThrottle(Clock clock) {
    this.clock = clock;
  }

  /** Why a login from {@code address} as {@code account} must wait now, if it must. */
  Optional<String> refusal(String account, String address) {
    long now = clock.millis();
    Optional<Long> accountWait = waitMillis("a:" + account.toLowerCase(), PER_ACCOUNT, now);
    if (accountWait.isPresent()) {
      return Optional.of(
          "Too many failed logins for this account. Try again in "
              + minutes(accountWait.get())
              + ".");
    }
    return waitMillis("i:" + address, PER_ADDRESS, now)
        .map(
            wait ->
                "Too many failed logins from your address. Try again in " + minutes(wait) + ".");
  }

  void failed(String account, String address) {
    long now = clock.millis();
    record("a:" + account.toLowerCase(), now);
    record("i:" + address, now);
  }

  void succeeded(String account) {
    failures.remove("a:" + account.toLowerCase());
  }

  private void record(String key, long now) {
    Deque<Long> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
    synchronized (times) {
      prune(times, now);
      times.addLast(now);
    }
  }

  private Optional<Long> waitMillis(String key, int limit, long now) {
    Deque<Long> times = failures.get(key);
    if (times == null) {
      return Optional.empty();
    }
    synchronized (times) {
      prune(times, now);
      if (times.size() < limit) {
        return Optional.empty();
      }
      return Optional.of(times.peekFirst() + WINDOW.toMillis() - now);
    }
  }

  private static void prune(Deque<Long> times, long now) {
    while (!times.isEmpty() && times.peekFirst() <= now - WINDOW.toMillis()) {
      times.removeFirst();
    }
  }

  private static String minutes(long millis) {
    long minutes = Math.max(1, (millis + 59_999) / 60_000);
    return minutes == 1 ? "1 minute" : minutes + " minutes";
  }
}
