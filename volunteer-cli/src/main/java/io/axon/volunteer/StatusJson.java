package io.axon.volunteer;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes {@link VolunteerStatus} as the engine's {@code status.json}. Explicit rather
 * than reflective, so a renamed component is a compile error here and not a silent null. Unknown
 * fields are skipped: a newer engine may say more than this CLI shows.
 */
final class StatusJson extends JsonAdapter<VolunteerStatus> {
  /** The one instance; it holds no state. */
  static final StatusJson ADAPTER = new StatusJson();

  private static final JsonReader.Options STATUS =
      JsonReader.Options.of(
          "updatedAt",
          "pid",
          "coordinator",
          "state",
          "reason",
          "unit",
          "limits",
          "notes",
          "completedUnits",
          "recentEvents");
  private static final JsonReader.Options UNIT =
      JsonReader.Options.of("workUnitId", "jobName", "round", "progress");
  private static final JsonReader.Options LIMITS =
      JsonReader.Options.of(
          "profile",
          "maxThreads",
          "threads",
          "cpuTimePercent",
          "transfersAllowed",
          "transferReason");
  private static final JsonReader.Options EVENT = JsonReader.Options.of("time", "message");

  private StatusJson() {}

  @Override
  public VolunteerStatus fromJson(JsonReader in) throws IOException {
    Instant updatedAt = null;
    long pid = 0;
    String coordinator = null;
    String state = null;
    String reason = null;
    VolunteerStatus.Unit unit = null;
    VolunteerStatus.Limits limits = null;
    List<String> notes = null;
    long completedUnits = 0;
    List<VolunteerStatus.Event> events = null;
    in.beginObject();
    while (in.hasNext()) {
      switch (in.selectName(STATUS)) {
        case 0:
          updatedAt = instant(in);
          break;
        case 1:
          pid = in.nextLong();
          break;
        case 2:
          coordinator = string(in);
          break;
        case 3:
          state = string(in);
          break;
        case 4:
          reason = string(in);
          break;
        case 5:
          unit = in.peek() == JsonReader.Token.NULL ? in.nextNull() : unit(in);
          break;
        case 6:
          limits = in.peek() == JsonReader.Token.NULL ? in.nextNull() : limits(in);
          break;
        case 7:
          notes = notes(in);
          break;
        case 8:
          completedUnits = in.nextLong();
          break;
        case 9:
          events = events(in);
          break;
        default:
          in.skipName();
          in.skipValue();
      }
    }
    in.endObject();
    if (updatedAt == null) {
      throw new JsonDataException("missing updatedAt at " + in.getPath());
    }
    if (state == null) {
      throw new JsonDataException("missing state at " + in.getPath());
    }
    return new VolunteerStatus(
        updatedAt, pid, coordinator, state, reason, unit, limits, notes, completedUnits, events);
  }

  private static VolunteerStatus.Unit unit(JsonReader in) throws IOException {
    long id = -1;
    String jobName = null;
    int round = 0;
    double progress = 0;
    in.beginObject();
    while (in.hasNext()) {
      switch (in.selectName(UNIT)) {
        case 0:
          id = in.nextLong();
          break;
        case 1:
          jobName = string(in);
          break;
        case 2:
          round = in.nextInt();
          break;
        case 3:
          progress = in.nextDouble();
          break;
        default:
          in.skipName();
          in.skipValue();
      }
    }
    String path = in.getPath();
    in.endObject();
    if (id < 0) {
      throw new JsonDataException("missing workUnitId at " + path);
    }
    try {
      return new VolunteerStatus.Unit(id, jobName, round, progress);
    } catch (IllegalArgumentException e) {
      throw new JsonDataException(e.getMessage() + " at " + path, e);
    }
  }

  private static VolunteerStatus.Limits limits(JsonReader in) throws IOException {
    String profile = null;
    int maxThreads = 0;
    int threads = 0;
    int cpuTimePercent = 100;
    boolean transfersAllowed = true;
    String transferReason = null;
    in.beginObject();
    while (in.hasNext()) {
      switch (in.selectName(LIMITS)) {
        case 0:
          profile = string(in);
          break;
        case 1:
          maxThreads = in.nextInt();
          break;
        case 2:
          threads = in.nextInt();
          break;
        case 3:
          cpuTimePercent = in.nextInt();
          break;
        case 4:
          transfersAllowed = in.nextBoolean();
          break;
        case 5:
          transferReason = string(in);
          break;
        default:
          in.skipName();
          in.skipValue();
      }
    }
    in.endObject();
    return new VolunteerStatus.Limits(
        profile, maxThreads, threads, cpuTimePercent, transfersAllowed, transferReason);
  }

  private static List<String> notes(JsonReader in) throws IOException {
    List<String> notes = new ArrayList<>();
    if (in.peek() == JsonReader.Token.NULL) {
      return in.nextNull();
    }
    in.beginArray();
    while (in.hasNext()) {
      notes.add(in.nextString());
    }
    in.endArray();
    return notes;
  }

  private static List<VolunteerStatus.Event> events(JsonReader in) throws IOException {
    if (in.peek() == JsonReader.Token.NULL) {
      return in.nextNull();
    }
    List<VolunteerStatus.Event> events = new ArrayList<>();
    in.beginArray();
    while (in.hasNext()) {
      Instant time = null;
      String message = null;
      in.beginObject();
      while (in.hasNext()) {
        switch (in.selectName(EVENT)) {
          case 0:
            time = instant(in);
            break;
          case 1:
            message = string(in);
            break;
          default:
            in.skipName();
            in.skipValue();
        }
      }
      String path = in.getPath();
      in.endObject();
      if (time == null) {
        throw new JsonDataException("missing time at " + path);
      }
      events.add(new VolunteerStatus.Event(time, message));
    }
    in.endArray();
    return events;
  }

  private static String string(JsonReader in) throws IOException {
    return in.peek() == JsonReader.Token.NULL ? in.nextNull() : in.nextString();
  }

  private static Instant instant(JsonReader in) throws IOException {
    String path = in.getPath();
    String text = in.nextString();
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new JsonDataException(
          "expected an ISO-8601 instant such as 2026-11-25T19:40:00Z but was '"
              + text
              + "' at "
              + path,
          e);
    }
  }

  @Override
  public void toJson(JsonWriter out, VolunteerStatus status) throws IOException {
    if (status == null) {
      out.nullValue();
      return;
    }
    out.beginObject();
    out.name("updatedAt").value(status.updatedAt().toString());
    out.name("pid").value(status.pid());
    out.name("coordinator").value(status.coordinator());
    out.name("state").value(status.state());
    out.name("reason").value(status.reason());
    out.name("unit");
    VolunteerStatus.Unit unit = status.unit();
    if (unit == null) {
      boolean serializeNulls = out.getSerializeNulls();
      out.setSerializeNulls(true);
      out.nullValue();
      out.setSerializeNulls(serializeNulls);
    } else {
      out.beginObject();
      out.name("workUnitId").value(unit.workUnitId());
      out.name("jobName").value(unit.jobName());
      out.name("round").value(unit.round());
      out.name("progress").value(unit.progress());
      out.endObject();
    }
    VolunteerStatus.Limits limits = status.limits();
    if (limits != null) {
      out.name("limits").beginObject();
      out.name("profile").value(limits.profile());
      out.name("maxThreads").value(limits.maxThreads());
      out.name("threads").value(limits.threads());
      out.name("cpuTimePercent").value(limits.cpuTimePercent());
      out.name("transfersAllowed").value(limits.transfersAllowed());
      out.name("transferReason").value(limits.transferReason());
      out.endObject();
    }
    out.name("notes").beginArray();
    for (String note : status.notes()) {
      out.value(note);
    }
    out.endArray();
    out.name("completedUnits").value(status.completedUnits());
    out.name("recentEvents").beginArray();
    for (VolunteerStatus.Event event : status.recentEvents()) {
      out.beginObject();
      out.name("time").value(event.time().toString());
      out.name("message").value(event.message());
      out.endObject();
    }
    out.endArray();
    out.endObject();
  }
}
