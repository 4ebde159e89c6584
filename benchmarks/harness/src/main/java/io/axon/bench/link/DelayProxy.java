package io.axon.bench.link;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A TCP relay on loopback that makes one {@link Link} out of it, for the "edge network" runs: this
 * kernel has no {@code netem}, so the delay and the bandwidth are applied here, in user space.
 *
 * <p>Each direction is a queue of chunks as they were read. A chunk leaves the link's sender once
 * the chunks before it have (the link is shared by all of this proxy's connections, as one
 * volunteer's access link is) and after its size divided by the bandwidth; it is written to the
 * other side half a round trip later. Bytes are counted per direction.
 */
public final class DelayProxy implements AutoCloseable {
  private static final int CHUNK = 16 * 1024;
  private static final byte[] EOF = new byte[0];

  private final InetSocketAddress upstream;
  private final Link link;
  private final ServerSocket server;
  private final Direction up = new Direction();
  private final Direction down = new Direction();
  private volatile boolean closed;

  private DelayProxy(InetSocketAddress upstream, Link link) throws IOException {
    this.upstream = upstream;
    this.link = link;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
  }

  /**
   * Starts a proxy on a free loopback port that forwards to {@code upstream} through {@code link}.
   */
  public static DelayProxy start(InetSocketAddress upstream, Link link) throws IOException {
    DelayProxy proxy = new DelayProxy(upstream, link);
    Thread accept = new Thread(proxy::acceptLoop, "delay-proxy-accept-" + proxy.port());
    accept.setDaemon(true);
    accept.start();
    return proxy;
  }

  public int port() {
    return server.getLocalPort();
  }

  /** {@code http://127.0.0.1:<port>}: what the volunteer behind this link is told to call. */
  public String url() {
    return "http://127.0.0.1:" + port();
  }

  public Link link() {
    return link;
  }

  /** Bytes the volunteer side sent towards the coordinator so far. */
  public long bytesUp() {
    return up.bytes.get();
  }

  /** Bytes the coordinator sent towards the volunteer so far. */
  public long bytesDown() {
    return down.bytes.get();
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket client = server.accept();
        Socket target = new Socket();
        target.setTcpNoDelay(true);
        client.setTcpNoDelay(true);
        target.connect(upstream);
        pipe(client, target, up);
        pipe(target, client, down);
      } catch (IOException e) {
        if (!closed) {
          // one failed connection (the coordinator stopping) must not end the proxy
          continue;
        }
      }
    }
  }

  private void pipe(Socket from, Socket to, Direction direction) throws IOException {
    BlockingQueue<Chunk> queue = new LinkedBlockingQueue<>();
    InputStream in = from.getInputStream();
    OutputStream out = to.getOutputStream();
    Thread reader =
        new Thread(
            () -> {
              byte[] buffer = new byte[CHUNK];
              try {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                  if (n > 0) {
                    direction.bytes.addAndGet(n);
                    queue.add(new Chunk(Arrays.copyOf(buffer, n), direction.due(link, n)));
                  }
                }
              } catch (IOException e) {
                // the socket was closed: deliver what was read, then end the other side
              }
              queue.add(new Chunk(EOF, direction.due(link, 0)));
            },
            "delay-proxy-read");
    Thread writer =
        new Thread(
            () -> {
              try {
                while (true) {
                  Chunk chunk = queue.take();
                  long wait;
                  while ((wait = chunk.dueNanos - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                  }
                  if (chunk.bytes == EOF) {
                    to.shutdownOutput();
                    return;
                  }
                  out.write(chunk.bytes);
                  out.flush();
                }
              } catch (IOException | InterruptedException e) {
                closeQuietly(from);
                closeQuietly(to);
              }
            },
            "delay-proxy-write");
    reader.setDaemon(true);
    writer.setDaemon(true);
    reader.start();
    writer.start();
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // already closed
    }
  }

  @Override
  public void close() throws IOException {
    closed = true;
    server.close();
  }

  private record Chunk(byte[] bytes, long dueNanos) {}

  /** One direction of the link: its byte count and when its sender is free again. */
  private static final class Direction {
    final AtomicLong bytes = new AtomicLong();
    private long senderFreeNanos = Long.MIN_VALUE;

    /** When a chunk of {@code n} bytes read now reaches the other side. */
    synchronized long due(Link link, int n) {
      long now = System.nanoTime();
      long sent = Math.max(now, senderFreeNanos) + link.serializeNanos(n);
      senderFreeNanos = sent;
      return sent + link.oneWayNanos();
    }
  }
}
