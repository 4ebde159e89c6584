package io.axon.desktop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class DesktopMainTest {
  @Test
  void readsItsOptions() {
    AppOptions options =
        DesktopMain.parse(List.of("--data-dir", "/tmp/axon-x", "--minimised", "--smoke-test"));
    assertThat(options.dataDir()).isEqualTo(Path.of("/tmp/axon-x"));
    assertThat(options.minimised()).isTrue();
    assertThat(options.smokeTest()).isTrue();
    assertThat(DesktopMain.parse(List.of()).dataDir()).isEqualTo(AppOptions.defaultDataDir());
    assertThat(DesktopMain.parse(List.of("--help"))).isNull();
  }

  @Test
  void refusesWhatItDoesNotKnow() {
    assertThatThrownBy(() -> DesktopMain.parse(List.of("--bogus")))
        .hasMessage("unknown option --bogus");
    assertThatThrownBy(() -> DesktopMain.parse(List.of("--data-dir")))
        .hasMessage("--data-dir needs a folder");
  }
}
