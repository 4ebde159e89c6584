package io.axon.volunteer;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code --version}: the Maven version, filtered into {@code version.properties} at build time. */
final class VersionProvider implements IVersionProvider {
  static String version() {
    try (InputStream in = VersionProvider.class.getResourceAsStream("version.properties")) {
      Properties properties = new Properties();
      if (in != null) {
        properties.load(in);
      }
      return properties.getProperty("version", "dev");
    } catch (IOException e) {
      return "dev";
    }
  }

  @Override
  public String[] getVersion() {
    return new String[] {
      "axon volunteer " + version(),
      "Java " + System.getProperty("java.version") + " on " + System.getProperty("os.name")
    };
  }
}
