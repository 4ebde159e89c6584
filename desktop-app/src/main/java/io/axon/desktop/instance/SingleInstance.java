package io.axon.desktop.instance;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * One app per data directory: the first takes a lock on {@code app.lock} and listens on a local
 * socket whose port it writes to {@code app.port}; a second start finds the lock taken, asks the
 * first over that socket to come to the front, and exits.
 */
public final class SingleInstance implements AutoCloseable {
  static final String LOCK = "app.lock";
  static final String PORT = "app.port";
  static final String SHOW = "show";

  private final FileChannel channel;
  private final FileLock lock;
  private final ServerSocket server;
  private final Thread listener;

  private SingleInstance(FileChannel channel, FileLock lock, ServerSocket server, Runnable onShow) {
    this.channel = channel;
    this.lock = lock;
    this.server = server;
    this.listener = new Thread(() -> listen(onShow), "axon-desktop-instance");
    listener.setDaemon(true);
    listener.start();
  }

  /**
   * Becomes the one instance for {@code dataDir}, calling {@code onShow} (on a background thread)
   * whenever another start asks for the window; or, if another instance runs, asks it to show
   * itself and returns empty.
   */
  public static Optional<SingleInstance> acquire(Path dataDir, Runnable onShow) throws IOException {
    Files.createDirectories(dataDir);
    FileChannel channel =
        FileChannel.open(
            dataDir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null; // this JVM holds it already
    }
    if (lock == null) {
      channel.close();
      signal(dataDir);
      return Optional.empty();
    }
    ServerSocket server = new ServerSocket();
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    Files.writeString(dataDir.resolve(PORT), Integer.toString(server.getLocalPort()));
    return Optional.of(new SingleInstance(channel, lock, server, onShow));
  }

  /** Asks the running instance to show its window; false if it could not be reached. */
  static boolean signal(Path dataDir) {
    try {
      int port = Integer.parseInt(Files.readString(dataDir.resolve(PORT)).trim());
      try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
        socket.setSoTimeout(2000);
        OutputStream out = socket.getOutputStream();
        out.write((SHOW + "\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket.getInputStream().read() == 'o'; // "ok"
      }
    } catch (IOException | NumberFormatException e) {
      return false;
    }
  }

  private void listen(Runnable onShow) {
    while (!server.isClosed()) {
      try (Socket socket = server.accept()) {
        socket.setSoTimeout(2000);
        InputStream in = socket.getInputStream();
        byte[] line = new byte[SHOW.length()];
        int read = in.readNBytes(line, 0, line.length);
        if (read == line.length && SHOW.equals(new String(line, StandardCharsets.US_ASCII))) {
          onShow.run();
          socket.getOutputStream().write("ok\n".getBytes(StandardCharsets.US_ASCII));
        }
      } catch (IOException e) {
        // closed, or a stray connection: keep listening while open
      }
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    lock.release();
    channel.close();
  }
}
