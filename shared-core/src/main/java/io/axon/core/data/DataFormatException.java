package io.axon.core.data;

/**
 * Data that cannot be read: a bad CSV value, a ragged row, a corrupt shard, a label a model cannot
 * learn. The message says what is wrong and where; {@link #row()} and {@link #column()} say where
 * for programs.
 */
public final class DataFormatException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final long row;
  private final String column;

  /** A problem that is not tied to one row or column (e.g. an empty file, a corrupt header). */
  public DataFormatException(String message) {
    this(message, -1, null);
  }

  /**
   * A problem at a 1-based data {@code row} (-1 if none) and a {@code column} (null if none). The
   * message is used as given and should already name both.
   */
  public DataFormatException(String message, long row, String column) {
    super(message);
    this.row = row;
    this.column = column;
  }

  /** The 1-based data row (the first row after a CSV header is row 1), or -1 if none. */
  public long row() {
    return row;
  }

  /** The column name, or null if the problem is not tied to one column. */
  public String column() {
    return column;
  }
}
