package io.axon.core.engine;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version this engine reports to the coordinator, from the jar's Maven metadata. */
final class EngineVersion {
  private static final String POM_PROPERTIES = "/META-INF/maven/io.axon/shared-core/pom.properties";

  private EngineVersion() {}

  static String get() {
    try (InputStream in = EngineVersion.class.getResourceAsStream(POM_PROPERTIES)) {
      if (in != null) {
        Properties properties = new Properties();
        properties.load(in);
        return properties.getProperty("version", "dev");
      }
    } catch (IOException e) {
      // fall through: the version is informational
    }
    return "dev";
  }

  /** Operating system, architecture and Java version, for the coordinator's host list. */
  static String platform() {
    String platform =
        System.getProperty("os.name", "unknown")
            + " "
            + System.getProperty("os.version", "")
            + " ("
            + System.getProperty("os.arch", "?")
            + "), Java "
            + System.getProperty("java.version", "?");
    return platform.length() > 200 ? platform.substring(0, 200) : platform;
  }
}
