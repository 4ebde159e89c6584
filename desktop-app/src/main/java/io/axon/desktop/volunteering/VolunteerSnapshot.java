package io.axon.desktop.volunteering;

import io.axon.core.eventlog.Event;
import io.axon.core.monitor.Readings;
import io.axon.core.prefs.Decision;
import io.axon.core.prefs.Preferences;
import java.time.Instant;
import java.util.List;

/**
 * Everything the views show about volunteering, taken at once off the FX thread.
 *
 * @param time when it was taken
 * @param preferences the preferences in force
 * @param decision the latest decision of a running engine (what may run and why), or null
 * @param projects each attached project
 * @param units the units held in this session, newest first
 * @param events the event log of every engine, oldest first
 * @param readings the machine's CPU load, memory and power, or null before the first reading
 */
public record VolunteerSnapshot(
    Instant time,
    Preferences preferences,
    Decision decision,
    List<ProjectStatus> projects,
    List<UnitStatus> units,
    List<Event> events,
    Readings readings) {
  public VolunteerSnapshot {
    projects = List.copyOf(projects);
    units = List.copyOf(units);
    events = List.copyOf(events);
  }

  /** Nothing attached, nothing known yet. */
  public static VolunteerSnapshot empty(Preferences preferences) {
    return new VolunteerSnapshot(
        Instant.now(), preferences, null, List.of(), List.of(), List.of(), null);
  }

  /** The units in hand (running or suspended). */
  public List<UnitStatus> currentUnits() {
    return units.stream().filter(UnitStatus::current).toList();
  }
}
