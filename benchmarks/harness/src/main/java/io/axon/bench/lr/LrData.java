package io.axon.bench.lr;

import io.axon.coordinator.demo.SyntheticLogistic;
import io.axon.core.data.CsvDatasets;
import io.axon.core.data.Dataset;
import io.axon.core.data.Split;
import io.axon.core.data.Splits;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * One logistic-regression data set of the seed paper's shape (10 float features), written by the
 * demo's seeded generator, read back exactly as the coordinator reads it and split with the job's
 * seed, so that every baseline sees the rows the volunteers see.
 *
 * @param csv the CSV the job uploads
 * @param split the coordinator's split of it for {@code splitSeed}
 */
public record LrData(Path csv, Split split, long splitSeed) {
  static final double HOLDOUT = 0.2;

  /** Generates {@code rows} rows (the same bytes for the same seed) and splits them. */
  public static LrData create(Path dir, int rows, long dataSeed, long splitSeed)
      throws IOException {
    Path csv = dir.resolve("lr-" + rows + "-" + dataSeed + ".csv");
    if (!Files.exists(csv)) {
      SyntheticLogistic.writeCsv(csv, rows, dataSeed);
    }
    Dataset data;
    try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
      data = CsvDatasets.read(in, "label").data();
    }
    return new LrData(csv, Splits.holdout(data, HOLDOUT, splitSeed), splitSeed);
  }

  public int rows() {
    return split.train().rows() + split.holdout().rows();
  }

  /** Writes a part of the split as CSV with header x0..x9,label, for Spark. */
  public static void writeCsv(Dataset data, Path file) throws IOException {
    String[] header = new String[data.features() + 1];
    for (int j = 0; j < data.features(); j++) {
      header[j] = "x" + j;
    }
    header[data.features()] = "label";
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        CSVPrinter printer =
            CSVFormat.DEFAULT
                .builder()
                .setHeader(header)
                .setRecordSeparator('\n')
                .get()
                .print(out)) {
      Object[] row = new Object[data.features() + 1];
      for (int i = 0; i < data.rows(); i++) {
        for (int j = 0; j < data.features(); j++) {
          row[j] = data.x()[i * data.features() + j];
        }
        row[data.features()] = (int) data.label(i);
        printer.printRecord(row);
      }
    }
  }
}
