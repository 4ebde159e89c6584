package io.axon.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ProtocolFixturesTest {
  static Stream<Arguments> fixtures() {
    return Stream.of(
        Arguments.of("host-registration.json", Fixtures.HOST_REGISTRATION),
        Arguments.of("host-registered.json", Fixtures.HOST_REGISTERED),
        Arguments.of("heartbeat.json", Fixtures.HEARTBEAT),
        Arguments.of("heartbeat-idle.json", Fixtures.HEARTBEAT_IDLE),
        Arguments.of("heartbeat-reply.json", Fixtures.HEARTBEAT_REPLY),
        Arguments.of("work-request.json", Fixtures.WORK_REQUEST),
        Arguments.of("work-reply.json", Fixtures.WORK_REPLY),
        Arguments.of("work-reply-none.json", Fixtures.WORK_REPLY_NONE),
        Arguments.of("result-report.json", Fixtures.RESULT_REPORT),
        Arguments.of("result-reply.json", Fixtures.RESULT_REPLY),
        Arguments.of("job-spec.json", Fixtures.JOB_SPEC),
        Arguments.of("job-spec-mlp.json", Fixtures.JOB_SPEC_MLP),
        Arguments.of("job-status.json", Fixtures.JOB_STATUS),
        Arguments.of("error-body.json", Fixtures.ERROR_BODY),
        // volunteers' accounts, credit and earnings
        Arguments.of("account-request.json", Fixtures.ACCOUNT_REQUEST),
        Arguments.of("account-created.json", Fixtures.ACCOUNT_CREATED),
        Arguments.of("account-summary.json", Fixtures.ACCOUNT_SUMMARY),
        Arguments.of("earnings-statement.json", Fixtures.EARNINGS_STATEMENT),
        // the shared host table (issue 4, hosts)
        Arguments.of("host-table.json", Fixtures.HOST_TABLE),
        // the work-unit lifecycle (issue 4)
        Arguments.of("job-spec-robust.json", Fixtures.JOB_SPEC_ROBUST),
        Arguments.of("job-status-failed.json", Fixtures.JOB_STATUS_FAILED));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void fixtureParsesToTheExpectedMessageAndSerializesBackToTheSameJson(
      String fixture, Object expected) {
    String json = Fixtures.read(fixture);

    Object parsed = ProtocolJson.fromJson(json, expected.getClass());

    assertThat(parsed).isEqualTo(expected);
    assertThat(tree(ProtocolJson.toJson(parsed))).isEqualTo(tree(json));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void fixtureSurvivesItsOwnAdapterTwice(String fixture, Object expected) {
    @SuppressWarnings("unchecked")
    Class<Object> type = (Class<Object>) expected.getClass();
    String once = ProtocolJson.adapter(type).toJson(expected);

    assertThat(ProtocolJson.adapter(type).toJson(ProtocolJson.fromJson(once, type)))
        .isEqualTo(once);
  }

  @org.junit.jupiter.api.Test
  void jobListFixtureRoundTrips() {
    String json = Fixtures.read("jobs.json");

    assertThat(ProtocolJson.listFromJson(json, JobStatus.class)).isEqualTo(Fixtures.JOBS);
    assertThat(tree(ProtocolJson.toJson(Fixtures.JOBS))).isEqualTo(tree(json));
  }

  /** The JSON as maps, lists, strings, doubles and nulls: field order and spacing do not count. */
  static Object tree(String json) {
    try {
      return ProtocolJson.moshi().adapter(Object.class).fromJson(json);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }
}
