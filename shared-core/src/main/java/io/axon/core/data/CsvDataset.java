package io.axon.core.data;

import java.util.List;

/**
 * A dataset read from CSV, with the names of its columns: {@code featureColumns.get(i)} is feature
 * {@code i} of {@code data}.
 */
public record CsvDataset(List<String> featureColumns, String labelColumn, Dataset data) {
  public CsvDataset {
    featureColumns = List.copyOf(featureColumns);
    if (labelColumn == null || data == null) {
      throw new IllegalArgumentException("labelColumn and data are required");
    }
    if (featureColumns.size() != data.features()) {
      throw new IllegalArgumentException(
          featureColumns.size() + " feature names for " + data.features() + " features");
    }
  }
}
