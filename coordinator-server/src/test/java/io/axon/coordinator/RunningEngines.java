package io.axon.coordinator;

import io.axon.core.engine.EngineConfig;
import io.axon.core.engine.EngineListener;
import io.axon.core.engine.VolunteerEngine;
import io.axon.core.prefs.Preferences;
import io.axon.core.prefs.Preferences.RunMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Real volunteer engines, each on its own thread, until closed. Engine {@code i} talks to {@code
 * urls.get(i % urls.size())}, so volunteers can be spread over several coordinators.
 */
final class RunningEngines implements AutoCloseable {
  /** Errors the engines gave up on; a healthy run leaves this empty. */
  final List<Throwable> errors = new CopyOnWriteArrayList<>();

  private final List<VolunteerEngine> engines = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();

  RunningEngines(List<String> urls, Path dir, int count) {
    for (int i = 0; i < count; i++) {
      String name = "volunteer" + (i + 1);
      VolunteerEngine engine =
          VolunteerEngine.builder(
                  new EngineConfig(urls.get(i % urls.size()), dir.resolve(name), 1, name))
              // the real machine monitor, but no suspending because the build box is busy
              .preferences(() -> Preferences.defaults().withRunMode(RunMode.ALWAYS))
              .listener(
                  new EngineListener() {
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
