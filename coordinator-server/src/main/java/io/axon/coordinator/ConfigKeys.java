package io.axon.coordinator;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.BiConsumer;

/**
 * The coordinator's configuration keys, one table for the configuration file and the command line:
 * key {@code port} in the file is {@code --port} on the command line, and the command line wins.
 * docs/COORDINATOR.md "Configuration" documents every key (a test checks that it does).
 */
final class ConfigKeys {
  /** One configuration key: its name, default as shown to people, and how it sets the builder. */
  record Key(
      String name,
      String label,
      String defaultValue,
      String description,
      BiConsumer<CoordinatorConfig.Builder, String> apply) {}

  static final String DATA_DIR = "data-dir";
  static final String DB = "db";
  static final String DB_USER = "db-user";
  static final String DB_PASSWORD = "db-password";

  static final List<Key> KEYS =
      List.of(
          new Key(
              "port",
              "PORT",
              "" + CoordinatorConfig.DEFAULT_PORT,
              "TCP port, 0 for a free one",
              (b, v) -> b.port(integer("port", v, 0, 65535))),
          new Key(
              "bind",
              "ADDRESS",
              CoordinatorConfig.DEFAULT_BIND,
              "address to listen on",
              (b, v) -> b.bind(text("bind", v))),
          new Key(DATA_DIR, "DIR", "axon-data", "database and upload directory", (b, v) -> {}),
          new Key(
              DB,
              "JDBC-URL",
              "an H2 file database in the data directory",
              "JDBC URL of the database",
              (b, v) -> {}),
          new Key(DB_USER, "USER", "none", "database user", (b, v) -> {}),
          new Key(DB_PASSWORD, "PASSWORD", "none", "database password", (b, v) -> {}),
          new Key(
              "deadline-seconds",
              "SECONDS",
              "" + CoordinatorConfig.DEFAULT_DEADLINE.toSeconds(),
              "time a volunteer has for one work unit",
              (b, v) -> b.deadline(seconds("deadline-seconds", v))),
          new Key(
              "retry-after-seconds",
              "SECONDS",
              "" + CoordinatorConfig.DEFAULT_RETRY_AFTER.toSeconds(),
              "wait a volunteer is told when there is no work",
              (b, v) -> b.retryAfter(seconds("retry-after-seconds", v))),
          new Key(
              "work-hold-millis",
              "MILLIS",
              "0",
              "how long a request for work waits for a round to open (0: answers at once)",
              (b, v) ->
                  b.workHold(
                      Duration.ofMillis(
                          integer(
                              "work-hold-millis",
                              v,
                              0,
                              (int) CoordinatorConfig.MAX_WORK_HOLD.toMillis())))),
          new Key(
              "heartbeat-seconds",
              "SECONDS",
              "" + CoordinatorConfig.DEFAULT_HEARTBEAT.toSeconds(),
              "how often volunteers are asked to send a heartbeat",
              (b, v) -> b.heartbeat(seconds("heartbeat-seconds", v))),
          new Key(
              "host-not-responding-seconds",
              "SECONDS",
              "two heartbeat intervals",
              "silence after which the host table shows a host as NOT_RESPONDING",
              (b, v) -> b.hostNotRespondingAfter(seconds("host-not-responding-seconds", v))),
          new Key(
              "host-offline-seconds",
              "SECONDS",
              "" + CoordinatorConfig.DEFAULT_HOST_OFFLINE_AFTER.toSeconds(),
              "silence after which the host table shows a host as OFFLINE",
              (b, v) -> b.hostOfflineAfter(seconds("host-offline-seconds", v))),
          new Key(
              "transitioner-period-millis",
              "MILLIS",
              "" + CoordinatorConfig.DEFAULT_TRANSITIONER_PERIOD.toMillis(),
              "how often deadlines and finished rounds are checked in the background",
              (b, v) ->
                  b.transitionerPeriod(
                      Duration.ofMillis(
                          integer("transitioner-period-millis", v, 1, Integer.MAX_VALUE)))),
          new Key(
              "max-json-bytes",
              "BYTES",
              "" + CoordinatorConfig.DEFAULT_MAX_JSON_BYTES,
              "limit on JSON request bodies",
              (b, v) -> b.maxJsonBytes(bytes("max-json-bytes", v))),
          new Key(
              "max-result-bytes",
              "BYTES",
              "" + CoordinatorConfig.DEFAULT_MAX_RESULT_BYTES,
              "limit on one result upload",
              (b, v) -> b.maxResultBytes(bytes("max-result-bytes", v))),
          new Key(
              "max-job-bytes",
              "BYTES",
              "" + CoordinatorConfig.DEFAULT_MAX_JOB_BYTES,
              "limit on one job upload, CSV included",
              (b, v) -> b.maxJobBytes(bytes("max-job-bytes", v))),
          new Key(
              "currency",
              "CODE",
              CoordinatorConfig.DEFAULT_CURRENCY,
              "ISO 4217 code of the money job owners pay volunteers in",
              (b, v) -> b.currency(currency(v))),
          new Key(
              "log-format",
              "text|json",
              "text",
              "plain text log lines, or one JSON object per line",
              (b, v) -> b.logFormat(logFormat(v))),
          // admin pages (issue 6)
          new Key(
              "open-job-api",
              "true|false",
              "false",
              "let anyone submit and cancel jobs through the JSON API, without an owner's token",
              (b, v) -> b.openJobApi(bool("open-job-api", v))));

  /** Record components as the keys people set, so that a cross-key error names their keys. */
  private static final Map<String, String> COMPONENT_KEYS =
      Map.of(
          "hostOfflineAfter", "host-offline-seconds",
          "hostNotRespondingAfter", "host-not-responding-seconds",
          "body size limits", "max-json-bytes, max-result-bytes and max-job-bytes");

  private ConfigKeys() {}

  /** The key named {@code name}, or null. */
  static Key find(String name) {
    for (Key key : KEYS) {
      if (key.name().equals(name)) {
        return key;
      }
    }
    return null;
  }

  /**
   * Reads a configuration file in Java properties syntax ({@code key = value}, {@code #} comments).
   *
   * @throws ConfigException if it cannot be read or holds a key that does not exist
   */
  static Map<String, String> read(Path file) {
    Properties properties = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(in);
    } catch (NoSuchFileException e) {
      throw new ConfigException("configuration file " + file + " does not exist");
    } catch (IOException | IllegalArgumentException e) {
      throw new ConfigException("cannot read configuration file " + file + ": " + e.getMessage());
    }
    Map<String, String> values = new LinkedHashMap<>();
    List<String> unknown = new ArrayList<>();
    for (String name : properties.stringPropertyNames()) {
      if (find(name) == null) {
        unknown.add(name);
      }
      values.put(name, properties.getProperty(name).trim());
    }
    if (!unknown.isEmpty()) {
      unknown.sort(null);
      throw new ConfigException(
          file
              + ": unknown key"
              + (unknown.size() > 1 ? "s " : " ")
              + String.join(", ", unknown)
              + " (known keys: "
              + String.join(", ", KEYS.stream().map(Key::name).toList())
              + ")");
    }
    return values;
  }

  /**
   * The configuration of these values by key, the defaults for the rest.
   *
   * @param where names where each key's value came from, for error messages
   */
  static CoordinatorConfig build(Map<String, String> values, Map<String, String> where) {
    String dataDir = values.getOrDefault(DATA_DIR, "axon-data");
    CoordinatorConfig.Builder builder;
    try {
      builder = CoordinatorConfig.builder(Path.of(text(DATA_DIR, dataDir)));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(where(where, DATA_DIR) + e.getMessage());
    }
    builder.database(values.get(DB), values.get(DB_USER), values.get(DB_PASSWORD));
    for (Key key : KEYS) {
      String value = values.get(key.name());
      if (value != null) {
        try {
          key.apply().accept(builder, value);
        } catch (IllegalArgumentException e) {
          throw new ConfigException(where(where, key.name()) + e.getMessage());
        }
      }
    }
    try {
      return builder.build();
    } catch (IllegalArgumentException e) {
      String message = e.getMessage();
      for (Map.Entry<String, String> component : COMPONENT_KEYS.entrySet()) {
        message = message.replace(component.getKey(), component.getValue());
      }
      throw new ConfigException("invalid configuration: " + message);
    }
  }

  private static String where(Map<String, String> where, String key) {
    String source = where.get(key);
    return source == null ? "" : source + ": ";
  }

  private static String text(String key, String value) {
    if (value.isBlank()) {
      throw new IllegalArgumentException(key + " must not be empty");
    }
    return value.trim();
  }

  private static long number(String key, String value) {
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be a whole number, got '" + value + "'", e);
    }
  }

  private static int integer(String key, String value, int min, int max) {
    long n = number(key, value);
    if (n < min || n > max) {
      throw new IllegalArgumentException(key + " must be in [" + min + ", " + max + "], got " + n);
    }
    return (int) n;
  }

  private static Duration seconds(String key, String value) {
    long n = number(key, value);
    if (n < 1) {
      throw new IllegalArgumentException(key + " must be at least 1, got " + n);
    }
    return Duration.ofSeconds(n);
  }

  private static long bytes(String key, String value) {
    long n = number(key, value);
    if (n < 1024) {
      throw new IllegalArgumentException(key + " must be at least 1024, got " + n);
    }
    return n;
  }

  private static String currency(String value) {
    String code = value.trim();
    if (!code.matches("[A-Z]{3}")) {
      throw new IllegalArgumentException(
          "currency must be an ISO 4217 code of three capital letters, e.g. USD, got '"
              + value
              + "'");
    }
    return code;
  }

  private static boolean bool(String key, String value) {
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default ->
          throw new IllegalArgumentException(key + " must be true or false, got '" + value + "'");
    };
  }

  private static CoordinatorConfig.LogFormat logFormat(String value) {
    try {
      return CoordinatorConfig.LogFormat.valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("log-format must be text or json, got '" + value + "'", e);
    }
  }

  /** A configuration that cannot be used; the message names the key and what is wrong. */
  static final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ConfigException(String message) {
      super(message);
    }
  }
}
