package io.axon.volunteer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.squareup.moshi.JsonDataException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StatusJsonTest {
  private static String fixture(String name) throws IOException {
    try (InputStream in = StatusJsonTest.class.getResourceAsStream("/status/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void readsEveryFieldOfTheContract() throws Exception {
    VolunteerStatus status = StatusJson.read(fixture("suspended.json"));

    assertThat(status.updatedAt()).isEqualTo(Instant.parse("2026-11-25T19:40:00Z"));
    assertThat(status.pid()).isEqualTo(12345);
    assertThat(status.state()).isEqualTo("SUSPENDED");
    assertThat(status.coordinator()).isEqualTo("http://coordinator.example:8080");
    assertThat(status.reason()).isEqualTo("suspended: on battery");
    assertThat(status.unit())
        .isEqualTo(new VolunteerStatus.Unit(17, "lr-demo", 3, 0.42, 25_000_000));
    assertThat(status.limits())
        .isEqualTo(
            new VolunteerStatus.Limits(
                "in use",
                2,
                0,
                75,
                8_000_000_000L,
                false,
                "transfers paused: 500 MB used of 500 MB in the last 7 days"));
    assertThat(status.notes()).containsExactly("idle time unknown: DISPLAY is not set");
    assertThat(status.completedUnits()).isEqualTo(5);
    assertThat(status.recentEvents())
        .extracting(VolunteerStatus.Event::message)
        .containsExactly("running", "suspended: on battery");
  }

  @Test
  void aStatusFromAnEngineThatSaysNothingOfMemoryReadsAsUnknown() throws Exception {
    VolunteerStatus status = StatusJson.read(fixture("stopped.json"));

    assertThat(status.stopped()).isTrue();
    assertThat(status.limits().maxMemoryBytes()).isEqualTo(-1);
  }

  @Test
  void aFieldOfTheWrongTypeIsRejectedWithItsPath() {
    assertThatThrownBy(
            () ->
                StatusJson.read(
                    "{\"updatedAt\":\"2026-11-25T19:40:00Z\",\"state\":\"RUNNING\","
                        + "\"limits\":{\"threads\":\"two\"}}"))
        .isInstanceOf(JsonDataException.class)
        .hasMessageContaining("at $.limits.threads");
    assertThatThrownBy(() -> StatusJson.read("{\"updatedAt\":\"yesterday\",\"state\":\"RUNNING\"}"))
        .isInstanceOf(JsonDataException.class)
        .hasMessageContaining("'yesterday' at $.updatedAt");
  }

  @Test
  void skipsFieldsANewerEngineAddsAndDefaultsTheOptionalOnes() throws Exception {
    VolunteerStatus status =
        StatusJson.read(
            "{\"updatedAt\":\"2026-11-25T19:40:00Z\",\"state\":\"IDLE\",\"gpu\":{\"name\":\"x\"}}");

    assertThat(status.state()).isEqualTo("IDLE");
    assertThat(status.unit()).isNull();
    assertThat(status.limits()).isNull();
    assertThat(status.notes()).isEmpty();
    assertThat(status.recentEvents()).isEmpty();
  }

  @Test
  void aMissingStateOrAProgressOutOfRangeIsRejectedWithItsPath() {
    assertThatThrownBy(() -> StatusJson.read("{\"updatedAt\":\"2026-11-25T19:40:00Z\"}"))
        .isInstanceOf(JsonDataException.class)
        .hasMessageContaining("missing state");
    assertThatThrownBy(
            () ->
                StatusJson.read(
                    "{\"updatedAt\":\"2026-11-25T19:40:00Z\",\"state\":\"RUNNING\","
                        + "\"unit\":{\"workUnitId\":1,\"jobName\":\"j\",\"round\":1,"
                        + "\"progress\":1.5}}"))
        .isInstanceOf(JsonDataException.class)
        .hasMessageContaining("progress must be from 0 to 1, got 1.5")
        .hasMessageContaining("$.unit");
  }
}
