package io.axon.coordinator.web;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.UnresolvedAddressException;
import java.util.Locale;

/**
 * The coordinator's listening socket, bound before the database is opened: a coordinator that
 * cannot listen stops before it creates or migrates anything, and between this bind and Jetty's
 * start no other process can take the port (Jetty is handed this very socket).
 */
public final class ListenSocket {
  private ListenSocket() {}

  /**
   * Binds {@code host:port} the way Jetty's connector would (SO_REUSEADDR, the system's backlog).
   *
   * @throws PortUnavailableException if the address cannot be bound; its message is one line
   */
  public static ServerSocketChannel bind(String host, int port) {
    ServerSocketChannel channel = null;
    try {
      channel = ServerSocketChannel.open();
      channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
      channel.bind(new InetSocketAddress(host, port));
      // Jetty's acceptor threads block in accept()
      channel.configureBlocking(true);
      return channel;
    } catch (IOException e) {
      close(channel);
      throw new PortUnavailableException(host, port, e);
    } catch (UnresolvedAddressException e) {
      close(channel);
      throw new PortUnavailableException(host, port, e);
    }
  }

  /** Closes a socket that {@link #bind} returned and no server took over; idempotent. */
  public static void close(ServerSocketChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // never bound or already closed: nothing left to release
      }
    }
  }

  /** The coordinator cannot listen on its address and port; the message says why in one line. */
  public static final class PortUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int port;
    private final boolean inUse;

    PortUnavailableException(String host, int port, Exception cause) {
      super(message(host, port, cause), cause);
      this.port = port;
      this.inUse = inUse(cause);
    }

    public int port() {
      return port;
    }

    /** True when another process listens on the port already. */
    public boolean inUse() {
      return inUse;
    }

    private static boolean inUse(Exception cause) {
      return cause instanceof BindException
          && cause.getMessage() != null
          && cause.getMessage().toLowerCase(Locale.ROOT).contains("in use");
    }

    private static String message(String host, int port, Exception cause) {
      if (inUse(cause)) {
        return "port " + port + " is in use; choose another with --port";
      }
      String why =
          cause instanceof UnresolvedAddressException
              ? "unknown host"
              : cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
      return "cannot listen on " + host + ":" + port + " (" + why + "); check --bind and --port";
    }
  }
}
