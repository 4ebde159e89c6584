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
    VolunteerStatus status = StatusJson.ADAPTER.fromJson(fixture("suspended.json"));

    assertThat(status.updatedAt()).isEqualTo(Instant.parse("2026-11-25T19:40:00Z"));
    assertThat(status.pid()).isEqualTo(12345);
    assertThat(status.state()).isEqualTo("SUSPENDED");
    assertThat(status.unit()).isEqualTo(new VolunteerStatus.Unit(17, "lr-demo", 3, 0.42));
    assertThat(status.limits())
        .isEqualTo(
            new VolunteerStatus.Limits(
                "in use",
                2,
                0,
                75,
                false,
                "transfers paused: 500 MB used of 500 MB in the last 7 days"));
    assertThat(status.notes()).containsExactly("idle time unknown: DISPLAY is not set");
    assertThat(status.completedUnits()).isEqualTo(5);
    assertThat(status.recentEvents())
        .extracting(VolunteerStatus.Event::message)
        .containsExactly("running", "suspended: on battery");
  }

  @Test
  void writesWhatItReadsSoTheFixturesRoundTrip() throws Exception {
    for (String name : new String[] {"suspended.json", "stopped.json"}) {
      VolunteerStatus status = StatusJson.ADAPTER.fromJson(fixture(name));

      String json = StatusJson.ADAPTER.indent("  ").toJson(status);

      assertThat(json + "\n").as(name).isEqualTo(fixture(name));
    }
  }

  @Test
  void skipsFieldsANewerEngineAddsAndDefaultsTheOptionalOnes() throws Exception {
    VolunteerStatus status =
        StatusJson.ADAPTER.fromJson(
            "{\"updatedAt\":\"2026-11-25T19:40:00Z\",\"state\":\"IDLE\",\"gpu\":{\"name\":\"x\"}}");

    assertThat(status.state()).isEqualTo("IDLE");
    assertThat(status.unit()).isNull();
    assertThat(status.limits()).isNull();
    assertThat(status.notes()).isEmpty();
    assertThat(status.recentEvents()).isEmpty();
  }

  @Test
  void aMissingStateOrAProgressOutOfRangeIsRejectedWithItsPath() {
    assertThatThrownBy(
            () -> StatusJson.ADAPTER.fromJson("{\"updatedAt\":\"2026-11-25T19:40:00Z\"}"))
        .isInstanceOf(JsonDataException.class)
        .hasMessageContaining("missing state");
    assertThatThrownBy(
            () ->
                StatusJson.ADAPTER.fromJson(
                    "{\"updatedAt\":\"2026-11-25T19:40:00Z\",\"state\":\"RUNNING\","
                        + "\"unit\":{\"workUnitId\":1,\"jobName\":\"j\",\"round\":1,"
                        + "\"progress\":1.5}}"))
        .isInstanceOf(JsonDataException.class)
        .hasMessageContaining("progress must be from 0 to 1, got 1.5")
        .hasMessageContaining("$.unit");
  }
}
