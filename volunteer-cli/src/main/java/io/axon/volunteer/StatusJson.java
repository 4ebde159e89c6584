package io.axon.volunteer;

import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okio.Buffer;

/**
 * Reads the engine's {@code status.json} into a {@link VolunteerStatus}. The file is read as a JSON
 * tree and each field taken by name, with its path in every error ("$.unit.progress"). Unknown
 * fields are skipped: a newer engine may say more than this CLI shows; a field an older engine does
 * not write takes its default. The CLI never writes the file ({@code status --json} prints it as it
 * is), so there is no writer to keep in step with the engine's.
 */
final class StatusJson {
  private StatusJson() {}

  /**
   * The status in {@code json}; throws {@link JsonDataException} naming the path of a bad field.
   */
  static VolunteerStatus read(String json) throws IOException {
    Object tree = JsonReader.of(new Buffer().writeUtf8(json)).readJsonValue();
    Node root = new Node(object(tree, "$"), "$");
    return new VolunteerStatus(
        root.instant("updatedAt"),
        root.number("pid", 0).longValue(),
        root.string("coordinator"),
        root.required("state", String.class),
        root.string("reason"),
        root.object("unit") == null ? null : unit(root.object("unit")),
        root.object("limits") == null ? null : limits(root.object("limits")),
        root.strings("notes"),
        root.number("completedUnits", 0).longValue(),
        events(root));
  }

  private static VolunteerStatus.Unit unit(Node unit) {
    try {
      return new VolunteerStatus.Unit(
          unit.required("workUnitId", Double.class).longValue(),
          unit.string("jobName"),
          unit.number("round", 0).intValue(),
          unit.number("progress", 0).doubleValue(),
          unit.number("memoryBytes", 0).longValue());
    } catch (IllegalArgumentException e) {
      throw new JsonDataException(e.getMessage() + " at " + unit.path, e);
    }
  }

  private static VolunteerStatus.Limits limits(Node limits) {
    return new VolunteerStatus.Limits(
        limits.string("profile"),
        limits.number("maxThreads", 0).intValue(),
        limits.number("threads", 0).intValue(),
        limits.number("cpuTimePercent", 100).intValue(),
        limits.number("maxMemoryBytes", -1).longValue(),
        limits.optional("transfersAllowed", Boolean.class, true),
        limits.string("transferReason"));
  }

  private static List<VolunteerStatus.Event> events(Node root) {
    List<VolunteerStatus.Event> events = new ArrayList<>();
    List<?> list = root.optional("recentEvents", List.class, List.of());
    for (int i = 0; i < list.size(); i++) {
      String path = root.path + ".recentEvents[" + i + "]";
      Node event = new Node(object(list.get(i), path), path);
      events.add(new VolunteerStatus.Event(event.instant("time"), event.string("message")));
    }
    return events;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(Object value, String path) {
    if (!(value instanceof Map)) {
      throw new JsonDataException("expected an object at " + path);
    }
    return (Map<String, Object>) value;
  }

  /** One JSON object and where it is, with typed, path-naming accessors. */
  private static final class Node {
    final Map<String, Object> fields;
    final String path;

    Node(Map<String, Object> fields, String path) {
      this.fields = fields;
      this.path = path;
    }

    <T> T optional(String name, Class<T> type, T otherwise) {
      Object value = fields.get(name);
      if (value == null) {
        return otherwise;
      }
      if (!type.isInstance(value)) {
        throw new JsonDataException(
            "expected " + type.getSimpleName() + " but was " + value + " at " + path + "." + name);
      }
      return type.cast(value);
    }

    <T> T required(String name, Class<T> type) {
      T value = optional(name, type, null);
      if (value == null) {
        throw new JsonDataException("missing " + name + " at " + path);
      }
      return value;
    }

    String string(String name) {
      return optional(name, String.class, null);
    }

    Number number(String name, double otherwise) {
      return optional(name, Double.class, otherwise);
    }

    Node object(String name) {
      Object value = fields.get(name);
      return value == null
          ? null
          : new Node(StatusJson.object(value, path + "." + name), path + "." + name);
    }

    List<String> strings(String name) {
      List<String> strings = new ArrayList<>();
      for (Object value : optional(name, List.class, List.of())) {
        strings.add(String.valueOf(value));
      }
      return strings;
    }

    Instant instant(String name) {
      String text = required(name, String.class);
      try {
        return Instant.parse(text);
      } catch (DateTimeParseException e) {
        throw new JsonDataException(
            "expected an ISO-8601 instant such as 2026-11-25T19:40:00Z but was '"
                + text
                + "' at "
                + path
                + "."
                + name,
            e);
      }
    }
  }
}
