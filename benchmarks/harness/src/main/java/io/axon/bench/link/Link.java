package io.axon.bench.link;

import java.time.Duration;

/**
 * An emulated network link between a volunteer and the coordinator: a round-trip time (half of it
 * added in each direction) and a bandwidth per direction.
 *
 * @param rtt round-trip time added to the loopback's own
 * @param bitsPerSecond bandwidth of each direction; 0 for unlimited
 */
public record Link(Duration rtt, long bitsPerSecond) {
  /** Loopback as it is: no added delay, no bandwidth limit (the relay still counts bytes). */
  public static final Link LOOPBACK = new Link(Duration.ZERO, 0);

  public Link {
    if (rtt == null || rtt.isNegative()) {
      throw new IllegalArgumentException("rtt must be zero or positive, got " + rtt);
    }
    if (bitsPerSecond < 0) {
      throw new IllegalArgumentException("bitsPerSecond must be 0 (unlimited) or positive");
    }
  }

  /** A link of {@code rttMillis} round trip and {@code mbitPerSecond} each way (0: unlimited). */
  public static Link of(long rttMillis, double mbitPerSecond) {
    return new Link(Duration.ofMillis(rttMillis), Math.round(mbitPerSecond * 1e6));
  }

  long oneWayNanos() {
    return rtt.toNanos() / 2;
  }

  /** How long {@code bytes} take to serialize onto this link. */
  long serializeNanos(int bytes) {
    return bitsPerSecond == 0 ? 0 : Math.round(bytes * 8 * 1e9 / bitsPerSecond);
  }

  /** A short label for tables: {@code loopback} or {@code 20ms/10Mbit}. */
  public String label() {
    if (equals(LOOPBACK)) {
      return "loopback";
    }
    String bw = bitsPerSecond == 0 ? "unlimited" : (bitsPerSecond / 1_000_000.0) + "Mbit";
    return rtt.toMillis() + "ms/" + bw.replace(".0Mbit", "Mbit");
  }
}
