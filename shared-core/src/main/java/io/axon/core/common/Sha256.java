package io.axon.core.common;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256 content hashes as lower-case hex, the names of every blob Axon moves around. */
public final class Sha256 {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private Sha256() {}

  /** Returns the lower-case hex SHA-256 of {@code bytes}. */
  public static String hex(byte[] bytes) {
    return toHex(digest().digest(bytes));
  }

  /** Reads {@code in} to its end and returns its lower-case hex SHA-256. */
  public static String hex(InputStream in) throws IOException {
    MessageDigest md = digest();
    byte[] buffer = new byte[64 * 1024];
    for (int n; (n = in.read(buffer)) != -1; ) {
      md.update(buffer, 0, n);
    }
    return toHex(md.digest());
  }

  /** True if {@code value} looks like a hex SHA-256 (64 lower-case hex digits). */
  public static boolean isValid(String value) {
    if (value == null || value.length() != 64) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  public static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  public static String toHex(byte[] digest) {
    char[] out = new char[digest.length * 2];
    for (int i = 0; i < digest.length; i++) {
      out[2 * i] = HEX[(digest[i] >> 4) & 0xf];
      out[2 * i + 1] = HEX[digest[i] & 0xf];
    }
    return new String(out);
  }
}
