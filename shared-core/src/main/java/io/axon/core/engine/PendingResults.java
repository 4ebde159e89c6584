package io.axon.core.engine;

import io.axon.core.common.Sha256;
import io.axon.core.protocol.ResultReport;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trained results not yet handed to the coordinator, one pair of files per work unit: {@code
 * <id>.model} (the weights) and {@code <id>.report} (the report). The report is written second and
 * marks the pair complete, so a crash in between leaves only a stray model file, which is removed.
 */
final class PendingResults {
  private static final Logger log = LoggerFactory.getLogger(PendingResults.class);
  private static final String MODEL = ".model";
  private static final String REPORT = ".report";

  /** One unsent result. */
  record PendingResult(ResultReport report, byte[] model) {}

  private final Path dir;

  PendingResults(Path dir) {
    this.dir = dir;
  }

  Path dir() {
    return dir;
  }

  void save(PendingResult result) throws IOException {
    long id = result.report().workUnitId();
    AtomicFiles.write(dir.resolve(id + MODEL), result.model());
    AtomicFiles.write(dir.resolve(id + REPORT), toBytes(result.report()));
  }

  void remove(long workUnitId) throws IOException {
    Files.deleteIfExists(dir.resolve(workUnitId + REPORT));
    Files.deleteIfExists(dir.resolve(workUnitId + MODEL));
  }

  /** All complete results, oldest work unit first; incomplete or corrupt leftovers are removed. */
  List<PendingResult> list() throws IOException {
    List<PendingResult> results = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return results;
    }
    List<Path> strays = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (name.endsWith(REPORT)) {
          PendingResult result = read(entry);
          if (result != null) {
            results.add(result);
          }
        } else if (name.endsWith(MODEL)
            && !Files.exists(dir.resolve(name.replace(MODEL, REPORT)))) {
          strays.add(entry);
        }
      }
    }
    for (Path stray : strays) {
      log.warn("Removing {}: its report was never written", stray);
      Files.deleteIfExists(stray);
    }
    results.sort(Comparator.comparingLong(r -> r.report().workUnitId()));
    return results;
  }

  private PendingResult read(Path reportFile) throws IOException {
    ResultReport report;
    byte[] model;
    try {
      report = fromBytes(Files.readAllBytes(reportFile));
      model = Files.readAllBytes(dir.resolve(report.workUnitId() + MODEL));
      if (!Sha256.hex(model).equals(report.modelSha256())) {
        throw new IllegalArgumentException("the model does not match its hash");
      }
    } catch (IllegalArgumentException | NoSuchFileException e) {
      log.warn("Dropping unsendable saved result {}: {}", reportFile, e.getMessage());
      Files.deleteIfExists(reportFile);
      String name = reportFile.getFileName().toString();
      Files.deleteIfExists(dir.resolve(name.substring(0, name.length() - REPORT.length()) + MODEL));
      return null;
    }
    return new PendingResult(report, model);
  }

  private static byte[] toBytes(ResultReport report) throws IOException {
    Properties p = new Properties();
    p.setProperty("workUnitId", Long.toString(report.workUnitId()));
    p.setProperty("modelSha256", report.modelSha256());
    // Double.toString round-trips exactly
    p.setProperty("trainLoss", Double.toString(report.trainLoss()));
    p.setProperty("samples", Long.toString(report.samples()));
    p.setProperty("flops", Long.toString(report.flops()));
    p.setProperty("elapsedMillis", Long.toString(report.elapsedMillis()));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    p.store(out, null);
    return out.toByteArray();
  }

  private static ResultReport fromBytes(byte[] bytes) throws IOException {
    Properties p = new Properties();
    try (InputStream in = new ByteArrayInputStream(bytes)) {
      p.load(in);
    }
    return new ResultReport(
        Long.parseLong(p.getProperty("workUnitId", "")),
        p.getProperty("modelSha256"),
        Double.parseDouble(p.getProperty("trainLoss", "")),
        Long.parseLong(p.getProperty("samples", "")),
        Long.parseLong(p.getProperty("flops", "")),
        Long.parseLong(p.getProperty("elapsedMillis", "")));
  }
}
