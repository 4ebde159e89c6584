package io.axon.core.data;

import java.io.IOException;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads training sets from CSV (RFC 4180, comma-separated, a header row naming every column). One
 * column is the label; every other column is a float feature. Rows are streamed into growing float
 * arrays, so a file costs little more memory than the dataset it becomes.
 */
public final class CsvDatasets {
  private static final CSVFormat FORMAT =
      CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get();

  private CsvDatasets() {}

  /**
   * Reads {@code in} to its end (without closing it).
   *
   * @throws DataFormatException naming the row and column of a missing, non-numeric or non-finite
   *     value, a row with the wrong number of values, a bad header or an unknown label column
   * @throws IOException if reading fails
   */
  public static CsvDataset read(Reader in, String labelColumn) throws IOException {
    if (labelColumn == null) {
      throw new IllegalArgumentException("labelColumn is required");
    }
    CSVParser parser =
        CSVParser.builder().setReader(withoutByteOrderMark(in)).setFormat(FORMAT).get();
    try {
      return read(parser, labelColumn);
    } catch (UncheckedIOException e) {
      if (e.getCause() instanceof CSVException) {
        // The parser's message already holds the line, e.g. "EOF reached before encapsulated
        // token".
        throw new DataFormatException(
            "malformed CSV after data row "
                + (parser.getRecordNumber() - 1)
                + ": "
                + e.getCause().getMessage());
      }
      throw e.getCause();
    }
  }

  private static CsvDataset read(CSVParser parser, String labelColumn) {
    Iterator<CSVRecord> records = parser.iterator();
    if (!records.hasNext()) {
      throw new DataFormatException("the CSV is empty: expected a header row naming the columns");
    }
    String[] header = header(records.next());
    int label = Arrays.asList(header).indexOf(labelColumn);
    if (label < 0) {
      throw new DataFormatException(
          "no label column \"" + labelColumn + "\"; the columns are " + String.join(", ", header),
          -1,
          labelColumn);
    }
    int features = header.length - 1;
    if (features < 1) {
      throw new DataFormatException(
          "the CSV has only the label column \"" + labelColumn + "\" and no feature columns");
    }
    List<String> featureColumns = new ArrayList<>(features);
    for (int c = 0; c < header.length; c++) {
      if (c != label) {
        featureColumns.add(header[c]);
      }
    }

    float[] x = new float[1024 * features];
    float[] y = new float[1024];
    int rows = 0;
    while (records.hasNext()) {
      CSVRecord record = records.next();
      long row = rows + 1L;
      if (record.size() != header.length) {
        throw new DataFormatException(
            "row "
                + row
                + " (line "
                + parser.getCurrentLineNumber()
                + ") has "
                + record.size()
                + " values, the header has "
                + header.length
                + " columns",
            row,
            null);
      }
      if (rows == Integer.MAX_VALUE || (long) (rows + 1) * features > Integer.MAX_VALUE - 8) {
        throw new DataFormatException("more rows than fit in memory, stopped at row " + row);
      }
      if (rows == y.length) {
        int capacity = (int) Math.min((long) y.length * 2, (Integer.MAX_VALUE - 8) / features);
        y = Arrays.copyOf(y, capacity);
        x = Arrays.copyOf(x, capacity * features);
      }
      int offset = rows * features;
      for (int c = 0; c < header.length; c++) {
        float value = parse(record.get(c), row, parser, header[c]);
        if (c == label) {
          y[rows] = value;
        } else {
          x[offset++] = value;
        }
      }
      rows++;
    }
    if (rows == 0) {
      throw new DataFormatException("the CSV has a header but no data rows");
    }
    Dataset data =
        new Dataset(rows, features, Arrays.copyOf(x, rows * features), Arrays.copyOf(y, rows));
    return new CsvDataset(featureColumns, labelColumn, data);
  }

  private static String[] header(CSVRecord record) {
    String[] names = record.values();
    Map<String, Integer> seen = new HashMap<>();
    for (int c = 0; c < names.length; c++) {
      String name = names[c].trim();
      if (name.isEmpty()) {
        throw new DataFormatException(
            "header column " + (c + 1) + " has no name; every column needs one");
      }
      Integer previous = seen.putIfAbsent(name, c);
      if (previous != null) {
        throw new DataFormatException(
            "duplicate column name \""
                + name
                + "\" in the header (columns "
                + (previous + 1)
                + " and "
                + (c + 1)
                + ")",
            -1,
            name);
      }
      names[c] = name;
    }
    return names;
  }

  private static float parse(String text, long row, CSVParser parser, String column) {
    String problem;
    if (text.trim().isEmpty()) {
      problem = "missing value";
    } else {
      try {
        float value = Floats.parse(text);
        if (Float.isFinite(value)) {
          return value;
        }
        problem = "not a finite number: \"" + abbreviate(text) + "\"";
      } catch (NumberFormatException e) {
        problem = "not a number: \"" + abbreviate(text) + "\"";
      }
    }
    throw new DataFormatException(
        "row "
            + row
            + " (line "
            + parser.getCurrentLineNumber()
            + "), column \""
            + column
            + "\": "
            + problem,
        row,
        column);
  }

  /** Spreadsheets often start UTF-8 files with a byte order mark; it is not part of the header. */
  private static Reader withoutByteOrderMark(Reader in) throws IOException {
    PushbackReader reader = new PushbackReader(in, 1);
    int first = reader.read();
    if (first != -1 && first != '\uFEFF') {
      reader.unread(first);
    }
    return reader;
  }

  private static String abbreviate(String text) {
    return text.length() <= 40 ? text : text.substring(0, 37) + "...";
  }
}
