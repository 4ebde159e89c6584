package io.axon.core.engine;

import io.axon.core.protocol.WorkAssignment;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A volunteer for {@link KillAndResumeTest} to run in a JVM of its own: {@code <coordinatorUrl>
 * <dataDir> <threads> <checkpointMillis> [<holdAfterCheckpoints>]}. It trains one unit, hands it in
 * and exits, printing {@code EVENT checkpoint <progress>}, {@code EVENT resumed <progress>} and
 * {@code EVENT finished} lines as it goes. Given {@code holdAfterCheckpoints}, it holds the end of
 * each epoch until a checkpoint interval has passed (so the next epoch saves one) until it has
 * saved that many, and then holds training for good, printing {@code EVENT held}: a test kills it
 * there, mid-unit, however fast this machine trains. (Should the test's JVM die instead, the pipe
 * to its standard input closes and it carries on.)
 */
public final class KilledVolunteerMain {
  private KilledVolunteerMain() {}

  public static void main(String[] args) throws Exception {
    Duration interval = Duration.ofMillis(Long.parseLong(args[3]));
    EngineConfig config =
        new EngineConfig(
            args[0], Path.of(args[1]), Integer.parseInt(args[2]), "killed-volunteer", 1, interval);
    VolunteerEngine.Timing timing =
        new VolunteerEngine.Timing(
            Duration.ofMillis(20),
            Duration.ofMillis(200),
            Duration.ofSeconds(2),
            2,
            Duration.ofMillis(10));
    int holdAfter = args.length > 4 ? Integer.parseInt(args[4]) : 0;
    VolunteerEngine.builder(config)
        .listener(new Events(interval, holdAfter))
        .timing(timing)
        .monitor(new ScriptedMachine())
        .build()
        .run();
  }

  private static final class Events implements EngineListener {
    private final Duration interval;
    private final int holdAfter;
    private final AtomicInteger saved = new AtomicInteger();

    Events(Duration interval, int holdAfter) {
      this.interval = interval;
      this.holdAfter = holdAfter;
    }

    @Override
    public void checkpointSaved(WorkAssignment unit, double progress) {
      saved.incrementAndGet();
      print("checkpoint " + progress);
    }

    @Override
    public void epochFinished(WorkAssignment unit, int epoch, int epochs, double meanLoss) {
      if (holdAfter == 0) {
        return;
      }
      if (saved.get() < holdAfter) {
        long ended = System.nanoTime(); // the last checkpoint, if any, was saved before
        EngineFixture.holdUntil(() -> System.nanoTime() - ended >= interval.toNanos());
        return;
      }
      print("held");
      try {
        while (System.in.read() != -1) {
          // held until killed
        }
      } catch (IOException e) {
        // the test's end of the pipe is gone: carry on
      }
    }

    @Override
    public void workResumed(WorkAssignment unit, double progress) {
      print("resumed " + progress);
    }

    @Override
    public void workFinished(WorkAssignment unit, WorkSummary summary) {
      print("finished " + summary.upload());
    }

    private static void print(String event) {
      System.out.println("EVENT " + event);
      System.out.flush();
    }
  }
}
