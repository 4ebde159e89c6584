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

  RunningEngines(List<String> urls, Path dir, int count) {
    this(configs(urls, dir, count));
  }

  /** One engine per configuration, each on its own thread. */
  RunningEngines(List<EngineConfig> configs) {
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
}
