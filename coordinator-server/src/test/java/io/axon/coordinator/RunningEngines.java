package io.axon.coordinator;

import io.axon.core.engine.EngineConfig;
import io.axon.core.engine.EngineListener;
import io.axon.core.engine.VolunteerEngine;
import io.axon.core.prefs.Preferences;
import io.axon.core.prefs.Preferences.RunMode;
import io.axon.core.protocol.WorkAssignment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Real volunteer engines, each on its own thread, until closed. Engine {@code i} talks to {@code
 * urls.get(i % urls.size())}, so volunteers can be spread over several coordinators.
 */
final class RunningEngines implements AutoCloseable {
  /** Errors the engines gave up on; a healthy run leaves this empty. */
  final List<Throwable> errors = new CopyOnWriteArrayList<>();

  private final List<VolunteerEngine> engines = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();

  /** Work units the engines were given: which host started which unit. */
  final List<Receipt> receipts = new CopyOnWriteArrayList<>();

  /** Host {@code hostId} (engine {@code engine}) started training work unit {@code workUnitId}. */
  record Receipt(String engine, long hostId, long workUnitId) {}

  private final RoundGate gate;

  RunningEngines(List<String> urls, Path dir, int count) {
    this(configs(urls, dir, count));
  }

  /** Engines that {@code gate} holds once they reach its round. */
  RunningEngines(List<String> urls, Path dir, int count, RoundGate gate) {
    this(configs(urls, dir, count), gate);
  }

  /** One engine per configuration, each on its own thread. */
  RunningEngines(List<EngineConfig> configs) {
    this(configs, null);
  }

  /** One engine per configuration, each on its own thread, held by {@code gate} if not null. */
  RunningEngines(List<EngineConfig> configs, RoundGate gate) {
    this.gate = gate;
    for (EngineConfig config : configs) {
      String name = config.name();
      AtomicLong hostId = new AtomicLong(-1);
      VolunteerEngine engine =
          VolunteerEngine.builder(config)
              // the real machine monitor, but no suspending because the build box is busy
              .preferences(() -> Preferences.defaults().withRunMode(RunMode.ALWAYS))
              .listener(
                  new EngineListener() {
                    @Override
                    public void registered(long id, String coordinatorUrl, boolean fresh) {
                      hostId.set(id);
                    }

                    @Override
                    public void workStarted(WorkAssignment unit) {
                      receipts.add(new Receipt(name, hostId.get(), unit.workUnitId()));
                      if (gate != null) {
                        gate.pass(unit);
                      }
                    }

                    @Override
                    public void error(Throwable error, boolean willRetry) {
                      if (!willRetry) {
                        errors.add(error);
                      }
                    }
                  })
              .build();
      Thread thread =
          new Thread(
              () -> {
                try {
                  engine.run();
                } catch (Exception e) {
                  errors.add(e);
                }
              },
              name);
      engines.add(engine);
      threads.add(thread);
      thread.start();
    }
  }

  private static List<EngineConfig> configs(List<String> urls, Path dir, int count) {
    List<EngineConfig> configs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String name = "volunteer" + (i + 1);
      configs.add(new EngineConfig(urls.get(i % urls.size()), dir.resolve(name), 1, name));
    }
    return configs;
  }

  @Override
  public void close() {
    if (gate != null) {
      gate.open();
    }
    for (VolunteerEngine engine : engines) {
      engine.stop();
    }
    try {
      for (Thread thread : threads) {
        thread.join(10_000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Holds every engine that starts a unit of round {@link #round} or later, before it trains the
   * unit, until {@link #open}: a test that must act in the middle of a job (restart or stop its
   * coordinator) finds it there by construction, however fast this machine trains.
   */
  static final class RoundGate {
    final int round;
    private final CountDownLatch reached = new CountDownLatch(1);
    private final CountDownLatch opened = new CountDownLatch(1);

    RoundGate(int round) {
      this.round = round;
    }

    /** Waits until an engine is held at a unit of the gate's round. */
    void awaitHeld() throws InterruptedException {
      if (!reached.await(2, TimeUnit.MINUTES)) {
        throw new AssertionError("no engine started a unit of round " + round);
      }
    }

    /** Lets the held engines, and every later one, through. */
    void open() {
      opened.countDown();
    }

    private void pass(WorkAssignment unit) {
      if (unit.round() < round) {
        return;
      }
      reached.countDown();
      try {
        opened.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
