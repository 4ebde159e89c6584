package io.axon.android;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.RobolectricTestRunner;

/**
 * Every protocol fixture of shared-core round-trips through the code as D8 leaves it for Android 8:
 * shared-core, its fixtures, Moshi, Okio and Kotlin desugared to class files at min SDK 26
 * (target/android/desugared, made by the build) and loaded on their own, apart from the test's
 * classpath. Records are plain classes there and Moshi's multi-release record support is gone, as
 * on a phone; the protocol's explicit adapters must carry every message.
 */
@RunWith(RobolectricTestRunner.class)
public class ProtocolOnAndroidTest {
  private static final String PROTOCOL = "io/axon/core/protocol/";

  @Test
  public void everyProtocolFixtureRoundTripsAfterDesugaring() throws Exception {
    Path dir = Path.of(System.getProperty("axon.desugared"));
    URL[] urls = {
      dir.resolve("classes.jar").toUri().toURL(), dir.resolve("resources").toUri().toURL()
    };
    try (URLClassLoader android = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader())) {
      Class<?> registration = android.loadClass("io.axon.core.protocol.HostRegistration");
      assertThat(registration.isRecord()).isFalse();
      assertThat(registration.getSuperclass().getName())
          .isEqualTo("com.android.tools.r8.RecordTag");

      Class<?> fixtures = android.loadClass("io.axon.core.protocol.Fixtures");
      Class<?> json = android.loadClass("io.axon.core.protocol.ProtocolJson");
      Method fromJson = json.getMethod("fromJson", String.class, Class.class);
      Method listFromJson = json.getMethod("listFromJson", String.class, Class.class);
      Method toJson = json.getMethod("toJson", Object.class);
      Method read = fixtures.getMethod("read", String.class);
      Object moshi = json.getMethod("moshi").invoke(null);
      Object tree = moshi.getClass().getMethod("adapter", Class.class).invoke(moshi, Object.class);
      Method treeFromJson = tree.getClass().getMethod("fromJson", String.class);
      treeFromJson.setAccessible(true);

      List<String> files = fixtureFiles(dir.resolve("resources").resolve(PROTOCOL));
      List<String> checked = new ArrayList<>();
      for (String file : files) {
        Field field = fixtures.getField(constantName(file));
        assertThat(Modifier.isStatic(field.getModifiers())).isTrue();
        Object expected = field.get(null);
        String original = (String) read.invoke(null, file);
        Object parsed;
        if (expected instanceof List<?> list) {
          parsed = listFromJson.invoke(null, original, list.get(0).getClass());
        } else {
          parsed = fromJson.invoke(null, original, expected.getClass());
        }
        assertThat(parsed).as(file).isEqualTo(expected);
        String written = (String) toJson.invoke(null, parsed);
        assertThat(treeFromJson.invoke(tree, written))
            .as(file)
            .isEqualTo(treeFromJson.invoke(tree, original));
        checked.add(file);
      }
      assertThat(checked).hasSizeGreaterThanOrEqualTo(22).containsExactlyElementsOf(files);
    }
  }

  private static List<String> fixtureFiles(Path dir) throws IOException {
    try (Stream<Path> paths = Files.list(dir)) {
      return paths
          .map(p -> p.getFileName().toString())
          .filter(name -> name.endsWith(".json"))
          .sorted()
          .toList();
    }
  }

  /** host-registration.json is Fixtures.HOST_REGISTRATION. */
  private static String constantName(String file) {
    return file.substring(0, file.length() - ".json".length())
        .replace('-', '_')
        .toUpperCase(Locale.ROOT);
  }
}
