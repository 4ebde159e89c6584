package io.axon.coordinator.demo;

import io.axon.coordinator.Coordinator;
import io.axon.coordinator.CoordinatorConfig;
import java.nio.file.Path;
import java.time.Duration;

/** The demo's embedded coordinator: loopback only, random port, H2 in the demo's folder. */
final class DemoCoordinator {
  private DemoCoordinator() {}

  static Coordinator start(Path dataDir) {
    CoordinatorConfig config =
        CoordinatorConfig.builder(dataDir)
            .bind("127.0.0.1")
            .port(0)
            // volunteers ask again this soon when the next round is not out yet
            .retryAfter(Duration.ofSeconds(1))
            // and a volunteer asking between two rounds waits for the next one (a long poll)
            .workHold(Duration.ofSeconds(5))
            // the demo submits its jobs without an owner's token; it listens on loopback only
            .openJobApi(true)
            .build();
    return new Coordinator(config).start();
  }
}
