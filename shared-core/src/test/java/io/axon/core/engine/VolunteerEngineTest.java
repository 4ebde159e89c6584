package io.axon.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.core.common.Sha256;
import io.axon.core.engine.FakeCoordinator.ResultMode;
import io.axon.core.engine.WorkSummary.Upload;
import io.axon.core.protocol.Heartbeat;
import io.axon.core.protocol.WorkAssignment;
import io.axon.core.training.Kernel;
import io.axon.core.training.ModelFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class VolunteerEngineTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private final ConditionFactory waiting = EngineFixture.waitUpTo(WAIT);
  @RegisterExtension final EngineFixture fixture = new EngineFixture();
  private FakeCoordinator coordinator;
  private Path dataDir;

  @BeforeEach
  void useFixture() {
    coordinator = fixture.coordinator;
    dataDir = fixture.dataDir;
  }

  private VolunteerEngine engine(int maxUnits, EngineListener listener) {
    return fixture.engine(2, maxUnits, listener);
  }

  private static void runToEnd(VolunteerEngine engine) throws Exception {
    EngineFixture.start(engine).get(WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  @Test
  void trainsAUnitAndHandsInTheModelItsReportDescribes() throws Exception {
    WorkAssignment unit = coordinator.offerLogistic(500, 2);
    RecordingListener listener = new RecordingListener();

    runToEnd(engine(1, listener));

    assertThat(coordinator.resultUnitIds()).containsExactly(unit.workUnitId());
    var report = coordinator.results().get(0);
    byte[] model = coordinator.resultModel(unit.workUnitId());
    assertThat(Sha256.hex(model)).isEqualTo(report.modelSha256());
    var expected =
        Kernel.forSpec(unit.model())
            .train(
                ModelFormat.decode(
                    Files.readAllBytes(
                        dataDir.resolve("blobs").resolve(unit.modelBlob().sha256()))),
                FakeCoordinator.logisticShard(500, 3, 7),
                unit.hyperparameters(),
                2,
                unit.seed(),
                1,
                io.axon.core.training.TrainingListener.NONE);
    assertThat(ModelFormat.decode(model)).isEqualTo(expected.model());
    assertThat(report.samples()).isEqualTo(1000);
    assertThat(report.flops()).isEqualTo(unit.flops());
    assertThat(listener.epochs).containsExactly(1, 2);
    // the bar moves within epochs too
    assertThat(listener.progress)
        .isNotEmpty()
        .isSorted()
        .allSatisfy(p -> assertThat(p).isStrictlyBetween(0.0, 1.0).isNotEqualTo(0.5))
        .anySatisfy(p -> assertThat(p).isLessThan(0.5));
    assertThat(listener.finished)
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.rows()).isEqualTo(500);
              assertThat(s.upload()).isEqualTo(Upload.ACCEPTED);
            });
    assertThat(coordinator.heartbeats()).isPositive();
    assertThat(dataDir.resolve("pending")).isEmptyDirectory();
  }

  @Test
  void registersOnceAndReusesTheSavedIdentityAfterARestart() throws Exception {
    coordinator.offerLogistic(100, 1);
    RecordingListener first = new RecordingListener();
    runToEnd(engine(1, first));
    coordinator.offerLogistic(100, 1);
    RecordingListener second = new RecordingListener();

    runToEnd(engine(1, second));

    assertThat(coordinator.registrations()).hasSize(1);
    assertThat(coordinator.registrations().get(0).name()).isEqualTo("test-host");
    assertThat(first.registrations).containsExactly(new RecordingListener.Registration(1, true));
    assertThat(second.registrations).containsExactly(new RecordingListener.Registration(1, false));
    assertThat(coordinator.tokensSeen())
        .hasSizeGreaterThan(2)
        .allMatch(t -> t.equals(coordinator.tokensSeen().get(0)));
    assertThat(coordinator.results()).hasSize(2);
  }

  @Test
  void registersWithItsAccountKeyAndKeepsItsTokenWhenStartedLaterWithAnotherKey() throws Exception {
    coordinator.offerLogistic(100, 1);
    runToEnd(fixture.engine(fixture.config(1, 1).withAccountKey("key-of-alice"), listener()));
    coordinator.offerLogistic(100, 1);
    VolunteerEngine later =
        fixture.engine(fixture.config(1, 1).withAccountKey("key-of-bob"), listener());

    runToEnd(later);

    assertThat(coordinator.registrations())
        .singleElement()
        .satisfies(r -> assertThat(r.accountKey()).isEqualTo("key-of-alice"));
    assertThat(coordinator.tokensSeen()).allMatch(t -> t.equals(coordinator.tokensSeen().get(0)));
    assertThat(later.recentEvents())
        .anyMatch(e -> e.message().startsWith("already registered as host 1: it keeps its"));
    assertThat(fixture.config(1, 1).withAccountKey("key-of-bob").toString())
        .doesNotContain("key-of-bob");
  }

  @Test
  void failsOverToAnotherCoordinatorOfTheDeploymentWhenTheFirstCannotBeReached() throws Exception {
    WorkAssignment unit = coordinator.offerLogistic(100, 1);
    String gone = "http://127.0.0.1:1"; // nothing listens on port 1
    EngineConfig config =
        new EngineConfig(gone, dataDir, 1, "test-host", 1)
            .withFallbackUrls(java.util.List.of(coordinator.url()));

    runToEnd(fixture.engine(config, listener()));

    assertThat(config.coordinatorUrls()).containsExactly(gone, coordinator.url());
    assertThat(coordinator.resultUnitIds()).containsExactly(unit.workUnitId());
    // the identity belongs to the deployment, named by its first coordinator
    assertThat(new IdentityStore(dataDir).load(gone)).isPresent();
  }

  private static RecordingListener listener() {
    return new RecordingListener();
  }

  @Test
  void registersAgainWhenTheCoordinatorHasForgottenTheHost() throws Exception {
    coordinator.offerLogistic(100, 1);
    runToEnd(engine(1, new RecordingListener()));
    coordinator.forgetHosts();
    WorkAssignment unit = coordinator.offerLogistic(100, 1);
    RecordingListener listener = new RecordingListener();

    runToEnd(engine(1, listener));

    assertThat(coordinator.unauthorizedCalls()).isPositive();
    assertThat(coordinator.registrations()).hasSize(2);
    assertThat(listener.registrations).contains(new RecordingListener.Registration(2, true));
    assertThat(coordinator.resultUnitIds()).endsWith(unit.workUnitId());
    assertThat(new IdentityStore(dataDir).load(coordinator.url()).orElseThrow().hostId())
        .isEqualTo(2);
  }

  @Test
  void fetchesACorruptCachedShardAgainButServesTheIntactModelFromTheCache() throws Exception {
    WorkAssignment first = coordinator.offerLogistic(100, 1);
    runToEnd(engine(1, new RecordingListener()));
    String shard = first.shardBlob().sha256();
    String model = first.modelBlob().sha256();
    Path cachedShard = dataDir.resolve("blobs").resolve(shard);
    byte[] bytes = Files.readAllBytes(cachedShard);
    bytes[bytes.length - 1] ^= 1;
    Files.write(cachedShard, bytes);
    WorkAssignment second = coordinator.offerLogistic(100, 1);
    assertThat(second.shardBlob()).isEqualTo(first.shardBlob());
    assertThat(second.modelBlob()).isEqualTo(first.modelBlob());

    runToEnd(engine(1, new RecordingListener()));

    assertThat(coordinator.downloads(shard)).isEqualTo(2);
    assertThat(coordinator.downloads(model)).isEqualTo(1);
    assertThat(Sha256.hex(Files.readAllBytes(cachedShard))).isEqualTo(shard);
    assertThat(coordinator.results()).hasSize(2);
  }

  @Test
  void refusesToTrainOnABlobWhoseBytesDoNotMatchItsHash() throws Exception {
    WorkAssignment unit = coordinator.offerLogistic(100, 1);
    coordinator.corruptBlob(unit.shardBlob().sha256());
    RecordingListener listener = new RecordingListener();
    VolunteerEngine engine = engine(0, listener);
    CompletableFuture<Void> running = EngineFixture.start(engine);

    waiting.until(() -> !listener.errors.isEmpty());
    engine.stop();
    running.get(WAIT.toSeconds(), TimeUnit.SECONDS);

    assertThat(listener.errors.get(0)).hasMessageContaining(unit.shardBlob().sha256());
    assertThat(dataDir.resolve("blobs").resolve(unit.shardBlob().sha256())).doesNotExist();
    assertThat(listener.finished).isEmpty();
    assertThat(coordinator.uploadAttempts()).isZero();
  }

  @Test
  void keepsAResultWhoseUploadFailedAndHandsItInAfterARestart() throws Exception {
    WorkAssignment unit = coordinator.offerLogistic(200, 1);
    coordinator.resultMode(ResultMode.FAIL);
    RecordingListener first = new RecordingListener();
    VolunteerEngine engine = engine(1, first);
    CompletableFuture<Void> running = EngineFixture.start(engine);
    waiting.until(() -> !first.finished.isEmpty());
    engine.stop();
    running.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(first.finished.get(0).upload()).isEqualTo(Upload.KEPT);
    assertThat(coordinator.results()).isEmpty();
    assertThat(dataDir.resolve("pending").resolve(unit.workUnitId() + ".report")).exists();

    coordinator.resultMode(ResultMode.ACCEPT);
    RecordingListener second = new RecordingListener();
    VolunteerEngine restarted = engine(0, second);
    CompletableFuture<Void> rerunning = EngineFixture.start(restarted);
    waiting.until(() -> !coordinator.results().isEmpty());
    restarted.stop();
    rerunning.get(WAIT.toSeconds(), TimeUnit.SECONDS);

    assertThat(coordinator.resultUnitIds()).containsExactly(unit.workUnitId());
    assertThat(second.savedUploads).containsExactly(unit.workUnitId());
    assertThat(second.started).isEmpty();
    assertThat(dataDir.resolve("pending")).isEmptyDirectory();
  }

  @Test
  void dropsAResultTheCoordinatorSaysIsNoLongerOurs() throws Exception {
    coordinator.offerLogistic(100, 1);
    coordinator.resultMode(ResultMode.CONFLICT);
    RecordingListener listener = new RecordingListener();

    runToEnd(engine(1, listener));

    assertThat(listener.finished)
        .singleElement()
        .extracting(WorkSummary::upload)
        .isEqualTo(Upload.REJECTED);
    assertThat(coordinator.uploadAttempts()).isEqualTo(1);
    assertThat(dataDir.resolve("pending")).isEmptyDirectory();
  }

  @Test
  void stopDuringTrainingCancelsItAndReturnsPromptly() throws Exception {
    coordinator.offerLogistic(200_000, 10);
    RecordingListener listener = new RecordingListener();
    VolunteerEngine engine = engine(0, listener);
    listener.atEpochEnd = epoch -> EngineFixture.holdUntil(engine::stopping); // in training
    CompletableFuture<Void> running = EngineFixture.start(engine);
    waiting.until(() -> !listener.epochs.isEmpty());

    long began = System.nanoTime();
    engine.stop();
    long stopMillis = (System.nanoTime() - began) / 1_000_000;

    // stop() returns once the engine has ended: a checkpoint and a few files, about 0.1 s. After
    // FAST's stopWait of 2 s it would interrupt the engine instead; 1.5 s tells the two apart and
    // leaves a loaded 2-core machine over a second.
    assertThat(stopMillis).isLessThan(1_500);
    assertThat(running).succeedsWithin(Duration.ofSeconds(1)); // it has ended already
    assertThat(listener.finished).isEmpty();
    assertThat(coordinator.uploadAttempts()).isZero();
    assertThat(dataDir.resolve("pending")).isEmptyDirectory();
  }

  @Test
  void waitsAsLongAsTheCoordinatorSaysWhenThereIsNoWork() throws Exception {
    coordinator.retryAfterSeconds(1);
    coordinator.heartbeatSeconds(1);
    RecordingListener listener = new RecordingListener();
    VolunteerEngine engine = engine(0, listener);
    long started = System.nanoTime();
    CompletableFuture<Void> running = EngineFixture.start(engine);

    waiting.until(() -> !listener.idles.isEmpty());
    long began = System.nanoTime();
    waiting.until(() -> listener.idles.size() >= 3);
    long millis = (System.nanoTime() - began) / 1_000_000;
    engine.stop();
    running.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    long ranMillis = (System.nanoTime() - started) / 1_000_000;

    // two full waits of a second between the first and the third poll, not a busy loop (lower
    // bounds: a slower machine only waits longer)
    assertThat(millis).isGreaterThanOrEqualTo(1_900);
    assertThat(listener.idles).allMatch(d -> d.equals(Duration.ofSeconds(1)));
    // one heartbeat at the start and at most one a second over the whole run, however long a
    // loaded machine makes it
    assertThat(coordinator.heartbeats()).isBetween(2, (int) (ranMillis / 1_000) + 2);
  }

  @Test
  void heartbeatsSayWhichUnitTheHostIsWorkingOnWithTheThreadsInUseAndTheRoundTripTime()
      throws Exception {
    coordinator.heartbeatSeconds(1);
    WorkAssignment unit = coordinator.offerLogistic(200_000, 10);
    RecordingListener listener = new RecordingListener();
    VolunteerEngine engine = engine(0, listener);
    // in training until stopped, however long the next heartbeat takes
    listener.atEpochEnd = epoch -> EngineFixture.holdUntil(engine::stopping);
    CompletableFuture<Void> running = EngineFixture.start(engine);

    waiting.until(
        () ->
            coordinator.heartbeatsReceived().stream()
                .anyMatch(h -> h.state() == Heartbeat.HostState.WORKING && h.threads() == 2));
    engine.stop();
    running.get(WAIT.toSeconds(), TimeUnit.SECONDS);

    Heartbeat first = coordinator.heartbeatsReceived().get(0);
    assertThat(first.state()).isEqualTo(Heartbeat.HostState.IDLE);
    assertThat(first.threads()).as("threads in use, not configured").isZero();
    assertThat(coordinator.heartbeatsReceived())
        .filteredOn(h -> h.state() == Heartbeat.HostState.WORKING)
        .allMatch(h -> h.workUnitId() == unit.workUnitId())
        .allMatch(h -> h.threads() <= 2);
    // measured by the client on the calls before (the registration, at the first)
    assertThat(coordinator.heartbeatsReceived())
        .allSatisfy(h -> assertThat(h.rttMillis()).isNotNull().isBetween(0L, 20_000L));
  }

  @Test
  void backsOffWhileTheCoordinatorIsUnreachableAndStopsWhenAsked() throws Exception {
    String url = coordinator.url();
    coordinator.close();
    RecordingListener listener = new RecordingListener();
    List<Long> failedAt = new CopyOnWriteArrayList<>();
    VolunteerEngine engine =
        VolunteerEngine.builder(new EngineConfig(url, dataDir, 1, "test-host"))
            .listener(
                new EngineListener() {
                  @Override
                  public void error(Throwable error, boolean willRetry) {
                    failedAt.add(System.nanoTime());
                    listener.error(error, willRetry);
                  }

                  @Override
                  public void registered(long hostId, String coordinatorUrl, boolean newly) {
                    listener.registered(hostId, coordinatorUrl, newly);
                  }
                })
            .timing(EngineFixture.FAST)
            .monitor(new ScriptedMachine())
            .build();
    CompletableFuture<Void> running = EngineFixture.start(engine);

    waiting.until(() -> failedAt.size() >= 7);
    engine.stop();
    running.get(WAIT.toSeconds(), TimeUnit.SECONDS);

    // FAST backs off 20, 40, 80, 160, 200, 200 ms, each wait drawn between half and all of that:
    // each gap is at least the half (lower bounds: a loaded machine only makes them longer)
    long[] leastMillis = {10, 20, 40, 80, 100, 100};
    for (int i = 0; i < leastMillis.length; i++) {
      assertThat(Duration.ofNanos(failedAt.get(i + 1) - failedAt.get(i)))
          .as("wait after failure %d", i + 1)
          .isGreaterThanOrEqualTo(Duration.ofMillis(leastMillis[i]));
    }
    assertThat(listener.registrations).isEmpty();
  }

  @Test
  void stopBeforeRunMakesRunReturnAtOnce() throws Exception {
    VolunteerEngine engine = engine(0, new RecordingListener());
    engine.stop();

    // it returns without connecting, in milliseconds; a run that ignored the stop would never
    // return (no unit limit), so the bound only has to be generous
    assertThat(EngineFixture.start(engine)).succeedsWithin(Duration.ofSeconds(2));
    assertThat(coordinator.registrations()).isEmpty();
  }
}
