package io.axon.desktop;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextInputControl;
import org.testfx.util.WaitForAsyncUtils;

/** Reads the scene on the FX thread, where it lives. */
public final class Fx {
  private Fx() {}

  public static <T> T call(Callable<T> read) {
    try {
      return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    } catch (ExecutionException | TimeoutException e) {
      throw new AssertionError(e);
    }
  }

  public static void run(Runnable change) {
    call(
        () -> {
          change.run();
          return null;
        });
  }

  /** The text of the labeled or text field {@code selector} under {@code root}; null if absent. */
  public static String text(Parent root, String selector) {
    return call(
        () -> {
          Node node = root.lookup(selector);
          if (node instanceof Labeled labeled) {
            return labeled.getText();
          }
          if (node instanceof TextInputControl input) {
            return input.getText();
          }
          return null;
        });
  }

  public static boolean visible(Parent root, String selector) {
    return call(
        () -> {
          Node node = root.lookup(selector);
          return node != null && node.isVisible() && node.getScene() != null;
        });
  }
}
