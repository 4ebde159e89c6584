package io.axon.core.protocol;

import io.axon.core.training.Hyperparameters;
import io.axon.core.training.ModelKind;
import io.axon.core.training.ModelSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** The JSON fixtures under src/test/resources/io/axon/core/protocol and the records they hold. */
public final class Fixtures {
  public static final String SHA_A =
      "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
  public static final String SHA_B =
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
  public static final String SHA_C =
      "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae";

  public static final HostRegistration HOST_REGISTRATION =
      new HostRegistration(
          "lab-pc-07",
          "Linux 6.1 amd64, OpenJDK 17.0.13",
          8,
          17_179_869_184L,
          "0.1.0",
          "acct-3f9d2c4e-1b7a-4e0f-9c8d-6a5b4c3d2e1f",
          List.of(ModelKind.LOGISTIC, ModelKind.MLP));
  public static final HostRegistered HOST_REGISTERED =
      new HostRegistered(42, "5f0c7d1e-8a43-4c5e-9b0a-2f6d1c3e4b7a");
  public static final Heartbeat HEARTBEAT =
      new Heartbeat(Heartbeat.HostState.WORKING, 1017L, 4, 12L);
  public static final Heartbeat HEARTBEAT_IDLE = new Heartbeat(Heartbeat.HostState.IDLE, null, 4);
  public static final HeartbeatReply HEARTBEAT_REPLY = new HeartbeatReply(1_795_600_000_000L, 30);
  public static final WorkRequest WORK_REQUEST =
      new WorkRequest(4, 4_294_967_296L, java.util.List.of(1016L), 2_000_000_000L, 95.5);
  public static final Hyperparameters MLP_HYPER = new Hyperparameters(0.05, 0.9, 0.0001, 32);
  public static final WorkAssignment ASSIGNMENT =
      new WorkAssignment(
          1017,
          2,
          "mnist-mlp",
          3,
          ModelSpec.mlp(784, List.of(128), 10),
          MLP_HYPER,
          2,
          7,
          new BlobRef(SHA_A, 407_608),
          new BlobRef(SHA_B, 2_826_016),
          1_795_600_600_000L,
          5_423_616_000L);
  public static final WorkReply WORK_REPLY = WorkReply.of(ASSIGNMENT);
  public static final WorkReply WORK_REPLY_NONE = WorkReply.none(5);
  public static final ResultReport RESULT_REPORT =
      new ResultReport(1017, SHA_C, 0.2315, 1800, 5_423_616_000L, 5120);
  public static final ResultReply RESULT_REPLY =
      new ResultReply(1017, true, "round 3: 2 of 4 results in");
  public static final JobSpec JOB_SPEC =
      new JobSpec(
          "lr-synthetic",
          ModelKind.LOGISTIC,
          List.of(),
          new Hyperparameters(0.1, 0.9, 0.0, 64),
          "label",
          4,
          1,
          5,
          null,
          0.2,
          20_260_101L);
  public static final JobSpec JOB_SPEC_MLP =
      new JobSpec(
          "mnist-mlp", ModelKind.MLP, List.of(128), MLP_HYPER, "digit", 4, 2, 20, 0.93, 0.1, 7);
  public static final JobStatus JOB_STATUS =
      new JobStatus(
          2,
          "mnist-mlp",
          JobStatus.JobState.RUNNING,
          3,
          20,
          784,
          10,
          9000,
          1000,
          SHA_A,
          List.of(
              new JobStatus.RoundMetrics(1, 0.6931, 0.842, 1_795_600_100_000L),
              new JobStatus.RoundMetrics(2, 0.4127, 0.887, 1_795_600_200_000L)));
  public static final List<JobStatus> JOBS =
      List.of(
          new JobStatus(
              1,
              "lr-synthetic",
              JobStatus.JobState.DONE,
              5,
              5,
              10,
              1,
              624_000,
              156_000,
              SHA_C,
              List.of(new JobStatus.RoundMetrics(5, 0.3512, 0.8471, 1_795_600_050_000L))),
          new JobStatus(
              3,
              "queued-job",
              JobStatus.JobState.RUNNING,
              0,
              10,
              10,
              1,
              800,
              200,
              null,
              List.of()));
  // the work-unit lifecycle (issue 4)
  public static final JobSpec JOB_SPEC_ROBUST =
      new JobSpec(
          "census-median",
          ModelKind.LOGISTIC,
          List.of(),
          new Hyperparameters(0.1, 0.0, 0.0, 32),
          "income",
          8,
          1,
          10,
          null,
          0.2,
          11,
          new JobSpec.Replication(1, 1, 2, 4, 600L, false),
          new JobSpec.Aggregation(JobSpec.Aggregation.Method.MEDIAN, 0.1),
          new JobSpec.RoundClosing(0.75, JobSpec.RoundClosing.Stragglers.DROP),
          new JobSpec.Placement(4, 2_147_483_648L, 250L),
          "0.002");
  public static final JobStatus JOB_STATUS_FAILED =
      new JobStatus(
          4,
          "flaky",
          JobStatus.JobState.FAILED,
          2,
          10,
          10,
          1,
          800,
          200,
          SHA_C,
          List.of(new JobStatus.RoundMetrics(1, 0.5911, 0.7413, 1_795_600_300_000L)),
          "round 2 cannot close: work unit 57 (shard 3) failed: 4 of its replicas failed (at most"
              + " 3 may): no reply by the deadline");

  public static final ErrorBody ERROR_BODY =
      new ErrorBody("bad_request", "hyperparameters: batchSize must be in [1, 65536], got 0");

  // volunteers' accounts, credit and earnings
  public static final AccountRequest ACCOUNT_REQUEST = new AccountRequest("Ada Lovelace");
  public static final AccountCreated ACCOUNT_CREATED =
      new AccountCreated(7, "Ada Lovelace", "b3c1f6a2-94d7-4e58-8f0b-1a2d3e4f5a6b");
  public static final AccountSummary ACCOUNT_SUMMARY =
      new AccountSummary(7, "Ada Lovelace", 1250.5, 96.25, "USD", new BigDecimal("15.63125"));
  public static final EarningsStatement EARNINGS_STATEMENT =
      new EarningsStatement(
          7,
          "Ada Lovelace",
          "USD",
          Instant.parse("2026-11-23T00:00:00Z"),
          Instant.parse("2026-11-25T00:00:00Z"),
          25.0,
          new BigDecimal("0.25"),
          List.of(
              new EarningsStatement.Host(42, "lab-pc-07", 1200.5, 90.0),
              new EarningsStatement.Host(43, "laptop", 50.0, 6.25)),
          List.of(
              new EarningsStatement.Job(2, "mnist-mlp", 20.0, new BigDecimal("0.25")),
              new EarningsStatement.Job(3, "lr-synthetic", 5.0, BigDecimal.ZERO)),
          List.of(
              new EarningsStatement.Day(
                  LocalDate.parse("2026-11-23"), 12.5, new BigDecimal("0.125")),
              new EarningsStatement.Day(
                  LocalDate.parse("2026-11-24"), 12.5, new BigDecimal("0.125"))),
          List.of(
              new EarningsStatement.Entry(
                  Instant.parse("2026-11-24T16:20:05.250Z"),
                  2,
                  "mnist-mlp",
                  1017,
                  42,
                  10.0,
                  new BigDecimal("0.125")),
              new EarningsStatement.Entry(
                  Instant.parse("2026-11-24T09:12:44Z"),
                  3,
                  "lr-synthetic",
                  1290,
                  43,
                  2.5,
                  BigDecimal.ZERO),
              new EarningsStatement.Entry(
                  Instant.parse("2026-11-23T21:40:00Z"),
                  2,
                  "mnist-mlp",
                  1009,
                  42,
                  10.0,
                  new BigDecimal("0.125")),
              new EarningsStatement.Entry(
                  Instant.parse("2026-11-23T08:02:31Z"),
                  3,
                  "lr-synthetic",
                  1204,
                  43,
                  2.5,
                  BigDecimal.ZERO)));

  // the shared host table (issue 4, hosts)
  public static final HostTable HOST_TABLE =
      new HostTable(
          List.of(
              new HostInfo(
                  42,
                  "lab-pc-07",
                  "Linux 6.1 amd64, OpenJDK 17.0.13",
                  8,
                  17_179_869_184L,
                  List.of(ModelKind.LOGISTIC, ModelKind.MLP),
                  "0.1.0",
                  "Ada",
                  HostInfo.State.ONLINE,
                  1_795_600_000_000L,
                  12L,
                  4,
                  1.25,
                  0.0875),
              new HostInfo(
                  43,
                  "old-laptop",
                  "Windows 10 amd64, OpenJDK 17.0.9",
                  2,
                  4_294_967_296L,
                  List.of(ModelKind.values()),
                  "0.1.0",
                  null,
                  HostInfo.State.OFFLINE,
                  1_795_590_000_000L,
                  null,
                  0,
                  0.0,
                  0.0)));

  private Fixtures() {}

  /** The text of fixture {@code name}, e.g. {@code "work-reply.json"}. */
  public static String read(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
