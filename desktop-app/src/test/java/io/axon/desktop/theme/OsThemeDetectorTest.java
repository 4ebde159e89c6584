package io.axon.desktop.theme;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OsThemeDetectorTest {
  /** Answers the commands it knows, fails (null) the others, like a missing tool. */
  private static OsThemeDetector on(String os, Map<String, String> answers) {
    return new OsThemeDetector(os, command -> answers.get(String.join(" ", command)));
  }

  private static final String GNOME_SCHEME =
      "gsettings get org.gnome.desktop.interface color-scheme";
  private static final String GNOME_GTK = "gsettings get org.gnome.desktop.interface gtk-theme";

  @Test
  void followsGnomesColorScheme() {
    assertThat(on("Linux", Map.of(GNOME_SCHEME, "'prefer-dark'\n")).detect()).contains(Theme.DARK);
    assertThat(on("Linux", Map.of(GNOME_SCHEME, "'default'\n", GNOME_GTK, "'Adwaita'\n")).detect())
        .contains(Theme.LIGHT);
    assertThat(
            on("Linux", Map.of(GNOME_SCHEME, "'default'\n", GNOME_GTK, "'Adwaita-dark'\n"))
                .detect())
        .contains(Theme.DARK);
  }

  @Test
  void followsWindowsAppsUseLightTheme() {
    String query =
        "reg query HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Themes\\Personalize /v"
            + " AppsUseLightTheme";
    assertThat(
            on("Windows 11", Map.of(query, "    AppsUseLightTheme    REG_DWORD    0x0\n")).detect())
        .contains(Theme.DARK);
    assertThat(
            on("Windows 11", Map.of(query, "    AppsUseLightTheme    REG_DWORD    0x1\n")).detect())
        .contains(Theme.LIGHT);
    assertThat(on("Windows 11", Map.of()).detect()).isEmpty();
  }

  @Test
  void followsMacOsAppearance() {
    assertThat(on("Mac OS X", Map.of("defaults read -g AppleInterfaceStyle", "Dark\n")).detect())
        .contains(Theme.DARK);
    // in light mode the key does not exist and the command fails
    assertThat(on("Mac OS X", Map.of()).detect()).contains(Theme.LIGHT);
  }

  @Test
  void knowsNothingWhereNoDesktopAnswers() {
    Optional<Theme> detected = on("Linux", Map.of()).detect();
    if (System.getenv("GTK_THEME") == null) {
      assertThat(detected).isEmpty();
    }
  }

  @Test
  void runsNoCommandItDoesNotNeed() {
    List<String> asked = new java.util.ArrayList<>();
    new OsThemeDetector(
            "Linux",
            command -> {
              asked.add(String.join(" ", command));
              return "'prefer-dark'";
            })
        .detect();
    assertThat(asked).containsExactly(GNOME_SCHEME);
  }
}
