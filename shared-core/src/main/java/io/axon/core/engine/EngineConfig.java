package io.axon.core.engine;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * How a volunteer engine runs.
 *
 * @param coordinatorUrl base URL of the coordinator, e.g. {@code http://192.168.1.10:8080}
 * @param dataDir where the engine keeps its host identity, blob cache and unsent results
 * @param threads training threads, at least 1; the result does not depend on it
 * @param name the name this host registers under, 1 to 100 characters
 * @param maxUnits stop after this many work units have been trained and handed in; 0 = never
 * @param checkpointInterval how often the progress of a unit in training is saved to the data
 *     directory, from {@link #MIN_CHECKPOINT_INTERVAL} to {@link #MAX_CHECKPOINT_INTERVAL}; at most
 *     this much work is lost to a crash, a kill or a power cut
 * @param workBufferUnits how many work units are kept queued beyond the one in training, from 0
 *     (fetch the next unit only when one is done) to {@link #MAX_WORK_BUFFER_UNITS}; queued units
 *     are saved in the data directory at once, and the coordinator sends none that this host cannot
 *     finish before its deadline
 * @param accountKey the volunteer account this host attaches to when it registers (the key {@code
 *     POST /api/v1/accounts} gave), or null for an anonymous host; a host that has registered
 *     already keeps its identity and token, and the key then applies only if it has to register
 *     again
 * @param fallbackUrls more coordinators of the same deployment (sharing its database), tried in
 *     this order when {@code coordinatorUrl} cannot be reached or answers 5xx (the client fails
 *     over and stays with the one that answered); the host's identity is kept under {@code
 *     coordinatorUrl}; empty for one coordinator
 */
public record EngineConfig(
    String coordinatorUrl,
    Path dataDir,
    int threads,
    String name,
    int maxUnits,
    Duration checkpointInterval,
    int workBufferUnits,
    String accountKey,
    List<String> fallbackUrls) {
  /** The most threads a host may declare (the protocol's limit). */
  public static final int MAX_THREADS = 4096;

  /** Progress is saved at least this often unless configured otherwise. */
  public static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofSeconds(60);

  /** Shorter intervals would spend more time writing than they save. */
  public static final Duration MIN_CHECKPOINT_INTERVAL = Duration.ofMillis(100);

  public static final Duration MAX_CHECKPOINT_INTERVAL = Duration.ofHours(24);

  /** One unit queued beyond the one in training unless configured otherwise. */
  public static final int DEFAULT_WORK_BUFFER_UNITS = 1;

  public static final int MAX_WORK_BUFFER_UNITS = 16;

  public EngineConfig {
    coordinatorUrl = normalizeUrl(coordinatorUrl);
    if (dataDir == null) {
      throw new IllegalArgumentException("a data directory is required");
    }
    if (threads < 1 || threads > MAX_THREADS) {
      throw new IllegalArgumentException(
          "threads must be in [1, " + MAX_THREADS + "], got " + threads);
    }
    if (name == null || name.trim().isEmpty() || name.length() > 100) {
      throw new IllegalArgumentException("name must be 1 to 100 characters, got '" + name + "'");
    }
    if (maxUnits < 0) {
      throw new IllegalArgumentException("maxUnits must not be negative (0 = unlimited)");
    }
    if (checkpointInterval == null
        || checkpointInterval.compareTo(MIN_CHECKPOINT_INTERVAL) < 0
        || checkpointInterval.compareTo(MAX_CHECKPOINT_INTERVAL) > 0) {
      throw new IllegalArgumentException(
          "checkpointInterval must be from 100 ms to 24 h, got " + checkpointInterval);
    }
    if (workBufferUnits < 0 || workBufferUnits > MAX_WORK_BUFFER_UNITS) {
      throw new IllegalArgumentException(
          "workBufferUnits must be in [0, " + MAX_WORK_BUFFER_UNITS + "], got " + workBufferUnits);
    }
    if (accountKey != null) {
      accountKey = accountKey.trim();
      if (accountKey.isEmpty() || accountKey.length() > 100) {
        throw new IllegalArgumentException("an account key must be 1 to 100 characters");
      }
    }
    List<String> fallbacks = new ArrayList<>();
    for (String url : fallbackUrls == null ? List.<String>of() : fallbackUrls) {
      String normalized = normalizeUrl(url);
      if (normalized.equals(coordinatorUrl) || fallbacks.contains(normalized)) {
        throw new IllegalArgumentException("coordinator " + normalized + " is given twice");
      }
      fallbacks.add(normalized);
    }
    fallbackUrls = Collections.unmodifiableList(fallbacks);
  }

  /** All coordinators, {@link #coordinatorUrl} first. */
  public List<String> coordinatorUrls() {
    List<String> all = new ArrayList<>();
    all.add(coordinatorUrl);
    all.addAll(fallbackUrls);
    return Collections.unmodifiableList(all);
  }

  /** An anonymous host's configuration. */
  public EngineConfig(
      String coordinatorUrl,
      Path dataDir,
      int threads,
      String name,
      int maxUnits,
      Duration checkpointInterval,
      int workBufferUnits) {
    this(
        coordinatorUrl,
        dataDir,
        threads,
        name,
        maxUnits,
        checkpointInterval,
        workBufferUnits,
        null,
        List.of());
  }

  /** A configuration that keeps {@link #DEFAULT_WORK_BUFFER_UNITS} queued. */
  public EngineConfig(
      String coordinatorUrl,
      Path dataDir,
      int threads,
      String name,
      int maxUnits,
      Duration checkpointInterval) {
    this(
        coordinatorUrl,
        dataDir,
        threads,
        name,
        maxUnits,
        checkpointInterval,
        DEFAULT_WORK_BUFFER_UNITS);
  }

  /** A configuration that saves progress every {@link #DEFAULT_CHECKPOINT_INTERVAL}. */
  public EngineConfig(String coordinatorUrl, Path dataDir, int threads, String name, int maxUnits) {
    this(coordinatorUrl, dataDir, threads, name, maxUnits, DEFAULT_CHECKPOINT_INTERVAL);
  }

  /** A configuration that runs until stopped. */
  public EngineConfig(String coordinatorUrl, Path dataDir, int threads, String name) {
    this(coordinatorUrl, dataDir, threads, name, 0);
  }

  /** This configuration with another {@link #checkpointInterval}. */
  public EngineConfig withCheckpointInterval(Duration interval) {
    return with(interval, workBufferUnits, accountKey, fallbackUrls);
  }

  /** This configuration with another {@link #workBufferUnits}. */
  public EngineConfig withWorkBufferUnits(int units) {
    return with(checkpointInterval, units, accountKey, fallbackUrls);
  }

  /** This configuration attached to the account of {@code key} (null: anonymous). */
  public EngineConfig withAccountKey(String key) {
    return with(checkpointInterval, workBufferUnits, key, fallbackUrls);
  }

  /** This configuration with {@code urls} to fail over to (see {@link #fallbackUrls}). */
  public EngineConfig withFallbackUrls(List<String> urls) {
    return with(checkpointInterval, workBufferUnits, accountKey, urls);
  }

  private EngineConfig with(Duration interval, int buffer, String key, List<String> fallbacks) {
    return new EngineConfig(
        coordinatorUrl, dataDir, threads, name, maxUnits, interval, buffer, key, fallbacks);
  }

  /** Leaves the account key out, so that logs and messages never show it. */
  @Override
  public String toString() {
    return "EngineConfig[coordinatorUrl="
        + coordinatorUrl
        + ", fallbackUrls="
        + fallbackUrls
        + ", dataDir="
        + dataDir
        + ", threads="
        + threads
        + ", name="
        + name
        + ", maxUnits="
        + maxUnits
        + ", checkpointInterval="
        + checkpointInterval
        + ", workBufferUnits="
        + workBufferUnits
        + ", accountKey="
        + (accountKey == null ? "none" : "(set)")
        + "]";
  }

  private static String normalizeUrl(String url) {
    URI uri;
    try {
      uri = url == null ? null : new URI(url.trim());
    } catch (URISyntaxException e) {
      uri = null;
    }
    if (uri == null
        || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
        || uri.getHost() == null) {
      throw new IllegalArgumentException(
          "coordinator URL must look like http://host:port, got '" + url + "'");
    }
    String normalized = uri.toString();
    while (normalized.endsWith("/")) {
      normalized = normalized.substring(0, normalized.length() - 1);
    }
    return normalized;
  }
}
