package io.axon.coordinator.admin;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Types;
import io.axon.coordinator.CoordinatorConfig;
import io.axon.coordinator.db.Database;
import io.axon.core.data.CsvDatasets;
import io.axon.core.data.DataFormatException;
import io.axon.core.protocol.ProtocolJson;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Uploaded CSV training sets: streamed to a file under {@code <data dir>/datasets}, read through
 * once to check every value (a bad one is named by row and column, and nothing is kept), then
 * listed with their columns and first rows.
 */
@Singleton
public final class DatasetService {
  private static final Logger log = LoggerFactory.getLogger(DatasetService.class);
  static final int PREVIEW_ROWS = 5;
  private static final JsonAdapter<List<String>> STRINGS =
      ProtocolJson.moshi().adapter(Types.newParameterizedType(List.class, String.class));
  private static final JsonAdapter<List<List<String>>> ROWS =
      ProtocolJson.moshi()
          .adapter(
              Types.newParameterizedType(
                  List.class, Types.newParameterizedType(List.class, String.class)));

  private final Jdbi jdbi;
  private final Clock clock;
  private final Path dir;

  @Inject
  public DatasetService(Database database, Clock clock, CoordinatorConfig config) {
    this.jdbi = database.jdbi();
    this.clock = clock;
    this.dir = config.dataDir().resolve("datasets");
  }

  /**
   * Stores the CSV read from {@code in} under {@code name} for {@code owner}, or throws an {@link
   * AdminException} naming the first bad row and column; a refused file leaves nothing behind.
   */
  public Dataset upload(Owner owner, String name, InputStream in) throws IOException {
    Files.createDirectories(dir);
    String fileName = Tokens.random() + ".csv";
    Path file = dir.resolve(fileName);
    Path partial = dir.resolve(fileName + ".part");
    try {
      long size = Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
      Preview preview = preview(partial);
      long rows;
      try (Reader reader = reader(partial)) {
        // every value must be a number, whichever column becomes the label
        rows = CsvDatasets.read(reader, preview.columns().get(0)).data().rows();
      } catch (DataFormatException e) {
        // its message names the row, line and column already
        String message = e.getMessage();
        throw new AdminException(
            400, Character.toUpperCase(message.charAt(0)) + message.substring(1));
      }
      Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
      String shown = name == null || name.isBlank() ? "upload.csv" : name.trim();
      String shortName = shown.length() <= 200 ? shown : shown.substring(0, 200);
      long id =
          jdbi.withHandle(
              h ->
                  h.createUpdate(
                          "INSERT INTO datasets (owner_id, name, file_name, size_bytes, row_count,"
                              + " columns_json, preview_json, created_at) VALUES (:owner, :name,"
                              + " :file, :size, :rows, :columns, :preview, :now)")
                      .bind("owner", owner.id())
                      .bind("name", shortName)
                      .bind("file", fileName)
                      .bind("size", size)
                      .bind("rows", rows)
                      .bind("columns", STRINGS.toJson(preview.columns()))
                      .bind("preview", ROWS.toJson(preview.rows()))
                      .bind("now", clock.instant())
                      .executeAndReturnGeneratedKeys("id")
                      .mapTo(Long.class)
                      .one());
      log.info(
          "dataset {} ({}, {} rows, {} bytes) uploaded by {}",
          id,
          shortName,
          rows,
          size,
          owner.name());
      return new Dataset(id, shortName, size, rows, preview.columns(), preview.rows());
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(partial);
      Files.deleteIfExists(file);
      throw e;
    }
  }

  public List<Dataset> all() {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT id, name, size_bytes, row_count, columns_json, preview_json"
                        + " FROM datasets ORDER BY id DESC")
                .map(
                    (rs, c) ->
                        new Dataset(
                            rs.getLong(1),
                            rs.getString(2),
                            rs.getLong(3),
                            rs.getLong(4),
                            stringsOf(rs.getString(5)),
                            rowsOf(rs.getString(6))))
                .list());
  }

  /** The dataset's CSV, to be read once and closed. */
  public Reader open(long id) throws IOException {
    String fileName =
        jdbi.withHandle(
                h ->
                    h.createQuery("SELECT file_name FROM datasets WHERE id = :id")
                        .bind("id", id)
                        .mapTo(String.class)
                        .findOne())
            .orElseThrow(() -> new AdminException(404, "There is no dataset " + id + "."));
    return reader(dir.resolve(fileName));
  }

  private static List<String> stringsOf(String json) {
    try {
      return STRINGS.fromJson(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<List<String>> rowsOf(String json) {
    try {
      return ROWS.fromJson(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private record Preview(List<String> columns, List<List<String>> rows) {}

  private static Preview preview(Path file) throws IOException {
    try (Reader reader = reader(file);
        CSVParser parser =
            CSVParser.builder()
                .setReader(reader)
                .setFormat(CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get())
                .get()) {
      List<String> columns = null;
      List<List<String>> rows = new ArrayList<>();
      for (CSVRecord record : parser) {
        List<String> values = new ArrayList<>();
        record.forEach(v -> values.add(v.length() <= 40 ? v : v.substring(0, 40) + "…"));
        if (columns == null) {
          columns = values.stream().map(v -> v.replace("\uFEFF", "").trim()).toList();
        } else {
          rows.add(values);
        }
        if (rows.size() == PREVIEW_ROWS) {
          break;
        }
      }
      if (columns == null || columns.isEmpty()) {
        throw new AdminException(
            400, "The file is empty: expected a header row naming the columns.");
      }
      return new Preview(columns, rows);
    } catch (UncheckedIOException e) {
      throw new AdminException(400, "The file is not readable CSV: " + e.getCause().getMessage());
    }
  }

  private static Reader reader(Path file) throws IOException {
    return new BufferedReader(
        new java.io.InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8), 1 << 16);
  }
}
