package io.axon.core.prefs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScheduleTest {
  /** 2026-11-23 is a Monday. */
  private static LocalDateTime monday(String time) {
    return LocalDateTime.parse("2026-11-23T" + time);
  }

  private static LocalDateTime tuesday(String time) {
    return LocalDateTime.parse("2026-11-24T" + time);
  }

  @Test
  void anEmptyScheduleAllowsEveryMinute() {
    assertThat(Schedule.ALWAYS.allows(monday("00:00"))).isTrue();
    assertThat(Schedule.ALWAYS.allows(monday("23:59"))).isTrue();
  }

  @Test
  void aDayWindowIncludesItsStartAndExcludesItsEnd() {
    Schedule office = Schedule.daily(TimeWindow.parse("09:00-17:00"));

    assertThat(office.allows(monday("08:59"))).isFalse();
    assertThat(office.allows(monday("09:00"))).isTrue();
    assertThat(office.allows(monday("16:59"))).isTrue();
    assertThat(office.allows(monday("17:00"))).isFalse();
  }

  @Test
  void eachWeekdayHasItsOwnWindows() {
    Schedule schedule =
        new Schedule(
            Map.of(
                DayOfWeek.MONDAY, List.of(TimeWindow.parse("09:00-12:00")),
                DayOfWeek.TUESDAY, List.of()));

    assertThat(schedule.allows(monday("10:00"))).isTrue();
    assertThat(schedule.allows(monday("13:00"))).isFalse();
    assertThat(schedule.allows(tuesday("10:00"))).isFalse();
    assertThat(schedule.allows(LocalDateTime.parse("2026-11-25T10:00"))).isTrue();
    assertThat(schedule.describe(DayOfWeek.MONDAY)).isEqualTo("09:00-12:00");
    assertThat(schedule.describe(DayOfWeek.TUESDAY)).isEqualTo("none");
    assertThat(schedule.describe(DayOfWeek.WEDNESDAY)).isEqualTo("all day");
  }

  @Test
  void aWindowAcrossMidnightBelongsToTheDayItStartsOn() {
    Schedule mondayNight =
        new Schedule(
            Map.of(
                DayOfWeek.MONDAY, List.of(TimeWindow.parse("22:00-06:00")),
                DayOfWeek.TUESDAY, List.of()));

    assertThat(mondayNight.allows(monday("03:00"))).isFalse(); // Sunday night is not in it
    assertThat(mondayNight.allows(monday("21:59"))).isFalse();
    assertThat(mondayNight.allows(monday("22:00"))).isTrue();
    assertThat(mondayNight.allows(tuesday("03:00"))).isTrue(); // Monday's night, on Tuesday
    assertThat(mondayNight.allows(tuesday("06:00"))).isFalse();
    assertThat(mondayNight.allows(tuesday("23:00"))).isFalse();
  }

  @Test
  void theNightAfterAnUnrestrictedDayIsNotInherited() {
    Schedule schedule =
        new Schedule(Map.of(DayOfWeek.TUESDAY, List.of(TimeWindow.parse("09:00-10:00"))));

    assertThat(schedule.allows(tuesday("01:00"))).isFalse();
  }

  @Test
  void rejectsAnEmptyWindowAndExplainsHowToAllowAWholeDay() {
    assertThatThrownBy(() -> TimeWindow.parse("08:00-08:00"))
        .hasMessage(
            "a time window needs different start and end times, got 08:00-08:00 (leave the day"
                + " out of the schedule to allow the whole day)");
  }

  @Test
  void rejectsAWindowThatIsNotHoursAndMinutes() {
    assertThatThrownBy(() -> TimeWindow.parse("nine to five"))
        .hasMessage("a time window is written HH:mm-HH:mm, e.g. 09:00-17:00; got 'nine to five'");
  }
}
