package io.axon.desktop.instance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SingleInstanceTest {
  @TempDir Path dataDir;

  @Test
  void aSecondStartBringsTheFirstToTheFrontAndGivesWay() throws Exception {
    CountDownLatch shown = new CountDownLatch(1);
    try (SingleInstance first = SingleInstance.acquire(dataDir, shown::countDown).orElseThrow()) {
      Optional<SingleInstance> second = SingleInstance.acquire(dataDir, () -> {});
      assertThat(second).isEmpty();
      assertThat(shown.await(5, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void theLockIsFreeAgainOnceTheFirstHasQuit() throws Exception {
    SingleInstance.acquire(dataDir, () -> {}).orElseThrow().close();
    try (SingleInstance again = SingleInstance.acquire(dataDir, () -> {}).orElseThrow()) {
      assertThat(again).isNotNull();
    }
  }

  @Test
  void aStaleLockFileWithoutALiveOwnerIsNoObstacle() throws Exception {
    java.nio.file.Files.writeString(dataDir.resolve(SingleInstance.PORT), "1");
    java.nio.file.Files.createFile(dataDir.resolve(SingleInstance.LOCK));
    try (SingleInstance instance = SingleInstance.acquire(dataDir, () -> {}).orElseThrow()) {
      assertThat(SingleInstance.signal(dataDir)).isTrue();
    }
  }
}
