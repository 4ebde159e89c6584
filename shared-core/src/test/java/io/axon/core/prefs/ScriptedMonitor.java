package io.axon.core.prefs;

import io.axon.core.monitor.Readings;
import io.axon.core.monitor.ResourceMonitor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A monitor that plays a script: each step holds its readings for a while, sampled once a second on
 * a fake clock, and every sample goes through the policy.
 */
final class ScriptedMonitor implements ResourceMonitor {
  private final FakeClock clock;
  private final List<Readings> steps = new ArrayList<>();
  private final List<Integer> seconds = new ArrayList<>();
  private Readings current;

  ScriptedMonitor(FakeClock clock) {
    this.clock = clock;
  }

  /** Holds {@code machine}'s readings for {@code secondsLong} one-second samples. */
  ScriptedMonitor hold(Machine machine, int secondsLong) {
    steps.add(machine.read());
    seconds.add(secondsLong);
    return this;
  }

  @Override
  public Readings read() {
    return current;
  }

  /** Runs the script through {@code policy}; the decisions, one per second. */
  List<Decision> play(ComputePolicy policy) {
    List<Decision> decisions = new ArrayList<>();
    for (int i = 0; i < steps.size(); i++) {
      current = steps.get(i);
      for (int s = 0; s < seconds.get(i); s++) {
        decisions.add(policy.decide(read()));
        clock.advance(Duration.ofSeconds(1));
      }
    }
    return decisions;
  }
}
