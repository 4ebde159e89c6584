package io.axon.core.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

class CsvDatasetsTest {
  private static CsvDataset read(String csv, String label) throws IOException {
    return CsvDatasets.read(new StringReader(csv), label);
  }

  private static DataFormatException failure(String csv, String label) {
    try {
      read(csv, label);
    } catch (DataFormatException e) {
      return e;
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("no DataFormatException for:\n" + csv);
  }

  @Test
  void readsFeaturesInColumnOrderAndTheLabelFromAnyColumn() throws IOException {
    CsvDataset csv = read("a,label,b\n1,0,2.5\n-3,1,4e2\n", "label");

    assertThat(csv.featureColumns()).containsExactly("a", "b");
    assertThat(csv.labelColumn()).isEqualTo("label");
    assertThat(csv.data().rows()).isEqualTo(2);
    assertThat(csv.data().features()).isEqualTo(2);
    assertThat(csv.data().x()).containsExactly(1f, 2.5f, -3f, 400f);
    assertThat(csv.data().y()).containsExactly(0f, 1f);
  }

  @Test
  void acceptsQuotesSpacesCrLfBlankLinesAndAByteOrderMark() throws IOException {
    CsvDataset csv = read("\uFEFF\"x\", y ,\"l\"\r\n\" 1.5\", 2 ,1\r\n\r\n3,4,0\r\n", "l");

    assertThat(csv.featureColumns()).containsExactly("x", "y");
    assertThat(csv.data().x()).containsExactly(1.5f, 2f, 3f, 4f);
    assertThat(csv.data().y()).containsExactly(1f, 0f);
  }

  @Test
  void namesRowAndColumnOfANonNumericValue() {
    DataFormatException e = failure("x1,x2,y\n1,2,0\n3,abc,1\n", "y");

    assertThat(e.row()).isEqualTo(2);
    assertThat(e.column()).isEqualTo("x2");
    assertThat(e.getMessage()).contains("row 2", "line 3", "\"x2\"", "not a number", "abc");
  }

  @Test
  void namesRowAndColumnOfAMissingValue() {
    DataFormatException e = failure("x1,x2,y\n1,2,0\n3,4,1\n5,,1\n", "y");

    assertThat(e.row()).isEqualTo(3);
    assertThat(e.column()).isEqualTo("x2");
    assertThat(e.getMessage()).contains("row 3", "\"x2\"", "missing value");
  }

  @Test
  void namesTheLabelColumnWhenALabelIsMissing() {
    DataFormatException e = failure("x1,x2,y\n1,2,\n", "y");

    assertThat(e.row()).isEqualTo(1);
    assertThat(e.column()).isEqualTo("y");
    assertThat(e.getMessage()).contains("row 1", "\"y\"", "missing value");
  }

  @Test
  void rejectsNaNInfinityAndFloatOverflowAsNonFinite() {
    for (String value : new String[] {"NaN", "Infinity", "-Infinity", "1e39"}) {
      DataFormatException e = failure("x,y\n1,0\n" + value + ",1\n", "y");

      assertThat(e.row()).isEqualTo(2);
      assertThat(e.column()).isEqualTo("x");
      assertThat(e.getMessage()).contains("row 2", "\"x\"", "not a finite number", value);
    }
  }

  @Test
  void countsLinesIncludingBlankOnesWhileRowsCountOnlyData() {
    DataFormatException e = failure("x,y\n1,0\n\n\n2,oops\n", "y");

    assertThat(e.row()).isEqualTo(2);
    assertThat(e.getMessage()).contains("row 2 (line 5)", "\"y\"");
  }

  @Test
  void rejectsARaggedRowNamingIt() {
    DataFormatException e = failure("x1,x2,y\n1,2,0\n1,2,3,4\n", "y");

    assertThat(e.row()).isEqualTo(2);
    assertThat(e.column()).isNull();
    assertThat(e.getMessage()).contains("row 2", "4 values", "3 columns");
  }

  @Test
  void rejectsAShortRowNamingIt() {
    DataFormatException e = failure("x1,x2,y\n1,2\n", "y");

    assertThat(e.row()).isEqualTo(1);
    assertThat(e.getMessage()).contains("row 1", "2 values", "3 columns");
  }

  @Test
  void rejectsDuplicateColumnNames() {
    DataFormatException e = failure("a,b,a,y\n1,2,3,0\n", "y");

    assertThat(e.column()).isEqualTo("a");
    assertThat(e.getMessage()).contains("duplicate column name \"a\"", "columns 1 and 3");
  }

  @Test
  void rejectsAColumnWithoutName() {
    assertThat(failure("a,,y\n1,2,0\n", "y").getMessage()).contains("column 2 has no name");
  }

  @Test
  void rejectsAnEmptyFile() {
    assertThat(failure("", "y").getMessage()).contains("empty", "header");
  }

  @Test
  void rejectsAHeaderWithoutData() {
    assertThat(failure("x,y\n", "y").getMessage()).contains("no data rows");
  }

  @Test
  void listsTheAvailableColumnsForAnUnknownLabel() {
    DataFormatException e = failure("x1,x2,target\n1,2,0\n", "label");

    assertThat(e.column()).isEqualTo("label");
    assertThat(e.getMessage()).contains("\"label\"", "x1, x2, target");
  }

  @Test
  void rejectsALabelWithoutFeatures() {
    assertThat(failure("y\n1\n", "y").getMessage()).contains("no feature columns");
  }

  @Test
  void reportsAnUnterminatedQuote() {
    assertThat(failure("x,y\n1,0\n\"2,1\n", "y").getMessage()).contains("malformed CSV");
  }

  @Test
  void readsTheSeedPaperShapeOf780000RowsQuickly() throws IOException {
    int rows = 780_000;
    com.sun.management.ThreadMXBean thread =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long cpu = thread.getCurrentThreadCpuTime();
    long allocated = thread.getThreadAllocatedBytes(Thread.currentThread().getId());
    CsvDataset csv = CsvDatasets.read(new SyntheticCsv(rows, 10), "label");
    long cpuMillis = (thread.getCurrentThreadCpuTime() - cpu) / 1_000_000;
    long allocatedMb =
        (thread.getThreadAllocatedBytes(Thread.currentThread().getId()) - allocated) >> 20;

    assertThat(csv.data().rows()).isEqualTo(rows);
    assertThat(csv.data().features()).isEqualTo(10);
    assertThat(csv.data().x()).hasSize(rows * 10);
    assertThat(csv.data().x()[(rows - 1) * 10 + 9]).isEqualTo(SyntheticCsv.value(rows - 1, 9));
    assertThat(csv.data().y()[rows - 1]).isEqualTo((rows - 1) % 2);
    System.out.printf("read %d rows: %d ms CPU, %d MB allocated%n", rows, cpuMillis, allocatedMb);
    // CPU time, not wall time: the build machine is shared. Typically about 1.5 s and 1 GB of
    // short-lived garbage (the generator's included); Float.parseFloat alone would add 1.7 GB.
    assertThat(cpuMillis).as("CPU milliseconds to read %d rows", rows).isLessThan(10_000);
    assertThat(allocatedMb).as("MB allocated while reading %d rows", rows).isLessThan(2_000);
  }

  /** A CSV of {@code rows} rows generated while it is read, so the test holds no huge string. */
  private static final class SyntheticCsv extends Reader {
    private final int rows;
    private final int features;
    private int row = -1;
    private String line = "";
    private int position;

    SyntheticCsv(int rows, int features) {
      this.rows = rows;
      this.features = features;
    }

    static float value(int row, int feature) {
      return ((row * 31 + feature * 7) % 1000) / 125f - 4f;
    }

    @Override
    public int read(char[] buffer, int offset, int length) {
      if (position == line.length()) {
        if (row == rows) {
          return -1;
        }
        StringBuilder next = new StringBuilder(128);
        for (int f = 0; f < features; f++) {
          next.append(row < 0 ? "f" + f : Float.toString(value(row, f))).append(',');
        }
        line = next.append(row < 0 ? "label" : String.valueOf(row % 2)).append('\n').toString();
        position = 0;
        row++;
      }
      int n = Math.min(length, line.length() - position);
      line.getChars(position, position + n, buffer, offset);
      position += n;
      return n;
    }

    @Override
    public void close() {}
  }
}
