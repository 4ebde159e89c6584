package io.axon.coordinator.demo;

import io.axon.core.data.Dataset;
import java.io.BufferedWriter;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Reads the 10,000 MNIST digits committed under datasets/mnist (gzipped IDX files). */
public final class MnistIdx {
  public static final String IMAGES = "mnist-10k-images-idx3-ubyte.gz";
  static final String LABELS = "mnist-10k-labels-idx1-ubyte.gz";

  private MnistIdx() {}

  /** Pixels scaled to 0..1 as features, digits 0..9 as labels. */
  public static Dataset read(Path dir) throws IOException {
    byte[] images = readIdx(dir.resolve(IMAGES), 0x803);
    byte[] labels = readIdx(dir.resolve(LABELS), 0x801);
    int rows = labels.length;
    int features = images.length / rows;
    if (features != 28 * 28 || images.length != rows * features) {
      throw new IOException("MNIST files do not match: " + images.length + " pixels, " + rows);
    }
    float[] x = new float[images.length];
    for (int i = 0; i < images.length; i++) {
      x[i] = (images[i] & 0xff) / 255f;
    }
    float[] y = new float[rows];
    for (int i = 0; i < rows; i++) {
      y[i] = labels[i];
    }
    return new Dataset(rows, features, x, y);
  }

  /** Writes the digits as CSV with header {@code p0..p783,label}, the job API's input format. */
  public static void writeCsv(Dataset digits, Path file) throws IOException {
    StringBuilder line = new StringBuilder(4096);
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (int j = 0; j < digits.features(); j++) {
        out.write("p" + j + ",");
      }
      out.write("label\n");
      for (int i = 0; i < digits.rows(); i++) {
        line.setLength(0);
        for (int j = 0; j < digits.features(); j++) {
          float v = digits.x()[i * digits.features() + j];
          if (v == 0f) {
            line.append('0');
          } else {
            line.append(v);
          }
          line.append(',');
        }
        line.append((int) digits.y()[i]).append('\n');
        out.write(line.toString());
      }
    }
  }

  private static byte[] readIdx(Path file, int magic) throws IOException {
    try (InputStream raw = Files.newInputStream(file);
        DataInputStream in = new DataInputStream(new GZIPInputStream(raw))) {
      int found = in.readInt();
      if (found != magic) {
        throw new IOException(file + ": not an IDX file with magic " + Integer.toHexString(magic));
      }
      int dims = magic & 0xff;
      long size = 1;
      for (int d = 0; d < dims; d++) {
        size *= in.readInt();
      }
      byte[] data = new byte[Math.toIntExact(size)];
      in.readFully(data);
      return data;
    }
  }
}
