package io.axon.core.protocol;

import io.axon.core.training.Hyperparameters;
import io.axon.core.training.ModelKind;
import io.axon.core.training.ModelSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
  public static final ErrorBody ERROR_BODY =
      new ErrorBody("bad_request", "hyperparameters: batchSize must be in [1, 65536], got 0");

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
