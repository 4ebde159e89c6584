package io.axon.core.engine;

import io.axon.core.protocol.WorkAssignment;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A volunteer for {@link KillAndResumeTest} to run in a JVM of its own: {@code <coordinatorUrl>
 * <dataDir> <threads> <checkpointMillis>}. It trains one unit, hands it in and exits, printing
 * {@code EVENT checkpoint <progress>}, {@code EVENT resumed <progress>} and {@code EVENT finished}
 * lines as it goes.
 */
public final class KilledVolunteerMain {
  private KilledVolunteerMain() {}

  public static void main(String[] args) throws Exception {
    EngineConfig config =
        new EngineConfig(
            args[0],
            Path.of(args[1]),
            Integer.parseInt(args[2]),
            "killed-volunteer",
            1,
            Duration.ofMillis(Long.parseLong(args[3])));
    VolunteerEngine.Timing timing =
        new VolunteerEngine.Timing(
            Duration.ofMillis(20),
            Duration.ofMillis(200),
            Duration.ofSeconds(2),
            2,
            Duration.ofMillis(10));
    VolunteerEngine.builder(config)
        .listener(new Events())
        .timing(timing)
        .monitor(new ScriptedMachine())
        .build()
        .run();
  }

  private static final class Events implements EngineListener {
    @Override
    public void checkpointSaved(WorkAssignment unit, double progress) {
      print("checkpoint " + progress);
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
