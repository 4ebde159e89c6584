package io.axon.bench.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DelayProxyTest {
  private ServerSocket upstream;
  private Thread server;

  /** An upstream that reads a 4-byte length, that many bytes, and answers with one byte. */
  @BeforeEach
  void startUpstream() throws IOException {
    upstream = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    server =
        new Thread(
            () -> {
              while (!upstream.isClosed()) {
                try (Socket socket = upstream.accept()) {
                  DataInputStream in = new DataInputStream(socket.getInputStream());
                  OutputStream out = socket.getOutputStream();
                  while (true) {
                    int length = in.readInt();
                    in.readFully(new byte[length]);
                    out.write(1);
                    out.flush();
                  }
                } catch (IOException e) {
                  // next connection, or closed
                }
              }
            });
    server.setDaemon(true);
    server.start();
  }

  @AfterEach
  void stopUpstream() throws IOException {
    upstream.close();
  }

  @Test
  void addsTheRoundTripTimeToEveryExchange() throws IOException {
    long direct = roundTripNanos(upstream.getLocalPort(), 1);
    try (DelayProxy proxy = DelayProxy.start(address(), Link.of(100, 0))) {
      roundTripNanos(proxy.port(), 1); // connection set-up
      long delayed = roundTripNanos(proxy.port(), 1);
      assertThat(delayed / 1e6).isBetween(100.0, 160.0);
      assertThat(direct / 1e6).isLessThan(50.0);
    }
  }

  @Test
  void limitsTheBandwidthAndCountsTheBytes() throws IOException {
    int payload = 250_000;
    // 2 Mbit/s is 250,000 bytes per second: a quarter-megabyte upload takes about one second
    try (DelayProxy proxy = DelayProxy.start(address(), Link.of(0, 2))) {
      long nanos = roundTripNanos(proxy.port(), payload);
      assertThat(nanos / 1e9).isBetween(0.95, 1.6);
      assertThat(proxy.bytesUp()).isEqualTo(payload + 4L);
      assertThat(proxy.bytesDown()).isEqualTo(1L);
    }
  }

  @Test
  void loopbackRelayIsFastAndStillCounts() throws IOException {
    try (DelayProxy proxy = DelayProxy.start(address(), Link.LOOPBACK)) {
      long nanos = roundTripNanos(proxy.port(), 1_000_000);
      assertThat(nanos / 1e9).isLessThan(0.5);
      assertThat(proxy.bytesUp()).isEqualTo(1_000_004L);
    }
  }

  private InetSocketAddress address() {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), upstream.getLocalPort());
  }

  /** Opens a connection, sends {@code bytes} bytes, waits for the answer byte. */
  private static long roundTripNanos(int port, int bytes) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setTcpNoDelay(true);
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      byte[] message = new byte[4 + bytes];
      message[0] = (byte) (bytes >>> 24);
      message[1] = (byte) (bytes >>> 16);
      message[2] = (byte) (bytes >>> 8);
      message[3] = (byte) bytes;
      long start = System.nanoTime();
      out.write(message);
      out.flush();
      assertThat(in.read()).isEqualTo(1);
      return System.nanoTime() - start;
    }
  }
}
