package io.axon.bench.cluster;

import io.axon.bench.link.DelayProxy;
import io.axon.bench.link.Link;
import io.axon.coordinator.Coordinator;
import io.axon.coordinator.CoordinatorConfig;
import io.axon.coordinator.demo.VolunteerProcess;
import io.axon.core.client.CoordinatorClient;
import io.axon.core.protocol.JobSpec;
import io.axon.core.protocol.JobStatus;
import io.axon.core.protocol.JobStatus.JobState;
import io.axon.core.protocol.JobStatus.RoundMetrics;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A real coordinator (embedded, H2, a random loopback port) and {@code n} volunteer JVMs started
 * from the volunteer jar, each behind its own {@link DelayProxy}: with {@link Link#LOOPBACK} the
 * relay adds nothing but counts the bytes; otherwise it is that volunteer's access link.
 */
public final class AxonCluster implements AutoCloseable {
  private final Coordinator coordinator;
  private final List<DelayProxy> proxies = new ArrayList<>();
  private final List<VolunteerProcess> volunteers = new ArrayList<>();
  private final CoordinatorClient client;
  private double startSeconds;

  private AxonCluster(Coordinator coordinator, CoordinatorClient client) {
    this.coordinator = coordinator;
    this.client = client;
  }

  /**
   * Starts the coordinator and {@code volunteers} volunteer processes (one training thread each)
   * and waits until all of them have registered. {@code workHold} is the coordinator's long poll
   * ({@code work-hold-millis}); zero answers "no work" at once, as before it existed. With {@code
   * memoryDatabase} the coordinator keeps its database in memory instead of an H2 file.
   */
  public static AxonCluster start(
      Path work,
      Path volunteerJar,
      int volunteers,
      Link link,
      Duration workHold,
      boolean memoryDatabase)
      throws IOException, InterruptedException {
    CoordinatorConfig.Builder builder = CoordinatorConfig.builder(work.resolve("coordinator"));
    if (memoryDatabase) {
      // H2 in memory, same modes as the coordinator's file database (CoordinatorConfig.jdbcUrl)
      builder.database(
          "jdbc:h2:mem:axon-bench-"
              + System.nanoTime()
              + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
          null,
          null);
    }
    CoordinatorConfig config =
        builder
            .bind("127.0.0.1")
            .port(0)
            // as in ./axon demo: idle volunteers ask again after a second (the protocol's unit)
            .retryAfter(Duration.ofSeconds(1))
            .workHold(workHold)
            .openJobApi(true)
            .build();
    Coordinator coordinator = new Coordinator(config).start();
    CoordinatorClient client =
        CoordinatorClient.builder("http://127.0.0.1:" + coordinator.port())
            .readTimeout(Duration.ofMinutes(5))
            .writeTimeout(Duration.ofMinutes(5))
            .build();
    long started = System.nanoTime();
    AxonCluster cluster = new AxonCluster(coordinator, client);
    try {
      InetSocketAddress target =
          new InetSocketAddress(InetAddress.getLoopbackAddress(), coordinator.port());
      for (int i = 1; i <= volunteers; i++) {
        DelayProxy proxy = DelayProxy.start(target, link);
        cluster.proxies.add(proxy);
        String name = "bench-volunteer-" + i;
        cluster.volunteers.add(
            VolunteerProcess.start(
                volunteerJar,
                proxy.url(),
                work.resolve(name),
                name,
                1,
                work.resolve(name + ".log"),
                // one unit at a time: with a shard per volunteer, a second unit of the same round
                // queued on one volunteer would make the round wait for it (see BENCHMARKS.md)
                List.of("--work-buffer", "0")));
      }
      cluster.awaitHosts(volunteers, Duration.ofMinutes(2));
    } catch (IOException | InterruptedException | RuntimeException e) {
      cluster.close();
      throw e;
    }
    cluster.startSeconds = (System.nanoTime() - started) / 1e9;
    return cluster;
  }

  /** Seconds from starting the volunteer JVMs until all had registered with the coordinator. */
  public double startSeconds() {
    return startSeconds;
  }

  public int volunteers() {
    return volunteers.size();
  }

  private void awaitHosts(int n, Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (client.hosts().hosts().size() < n) {
      checkAlive();
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(n + " volunteers did not register within " + timeout);
      }
      Thread.sleep(50);
    }
  }

  /** Submits {@code spec} with {@code csv} and waits until the job is done. */
  public JobRun run(JobSpec spec, Path csv, Duration timeout)
      throws IOException, InterruptedException {
    long submitStart = System.nanoTime();
    JobStatus status = client.submitJob(spec, csv);
    long createdMillis = System.currentTimeMillis();
    double submitSeconds = (System.nanoTime() - submitStart) / 1e9;
    long down0 = bytesDown();
    long up0 = bytesUp();
    long cpu0 = processCpuNanos();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (status.state() == JobState.RUNNING) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("job " + spec.name() + " not done within " + timeout);
      }
      checkAlive();
      Thread.sleep(20);
      status = client.job(status.id());
    }
    long cpu = processCpuNanos() - cpu0;
    if (status.state() == JobState.FAILED) {
      throw new IllegalStateException("job " + spec.name() + " failed: " + status.failureReason());
    }
    List<RoundMetrics> rounds = new ArrayList<>(status.metrics());
    rounds.sort(Comparator.comparingInt(RoundMetrics::round));
    double[] seconds = new double[rounds.size()];
    for (int i = 0; i < seconds.length; i++) {
      seconds[i] = (rounds.get(i).finishedMillis() - createdMillis) / 1e3;
    }
    return new JobRun(
        submitSeconds, rounds, seconds, bytesDown() - down0, bytesUp() - up0, cpu / 1e9);
  }

  private long bytesDown() {
    return proxies.stream().mapToLong(DelayProxy::bytesDown).sum();
  }

  private long bytesUp() {
    return proxies.stream().mapToLong(DelayProxy::bytesUp).sum();
  }

  /** CPU time of this JVM: the embedded coordinator, plus the harness's status polling. */
  static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private void checkAlive() {
    for (VolunteerProcess volunteer : volunteers) {
      if (!volunteer.isAlive()) {
        throw new IllegalStateException(
            volunteer.name() + " exited early; see its log " + volunteer.log());
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    for (VolunteerProcess volunteer : volunteers) {
      volunteer.close();
    }
    for (DelayProxy proxy : proxies) {
      try {
        proxy.close();
      } catch (IOException ignored) {
        // closing a listening socket
      }
    }
    client.close();
    coordinator.stop();
  }
}
