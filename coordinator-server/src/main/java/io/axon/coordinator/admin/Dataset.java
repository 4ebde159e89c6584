package io.axon.coordinator.admin;

import java.util.List;

/** An uploaded, checked training set: its columns and first rows for the new-job page. */
public record Dataset(
    long id,
    String name,
    long sizeBytes,
    long rows,
    List<String> columns,
    List<List<String>> preview) {}
