package io.axon.desktop;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollPane;
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

  /** Scrolls the scroll pane around {@code selector} so that the node is in view. */
  public static void scrollTo(Parent root, String selector) {
    run(
        () -> {
          Node node = root.lookup(selector);
          for (Node n = node.getParent(); n != null; n = n.getParent()) {
            if (n instanceof ScrollPane pane) {
              Node content = pane.getContent();
              double y = content.sceneToLocal(node.localToScene(0, 0)).getY();
              double range =
                  content.getBoundsInLocal().getHeight() - pane.getViewportBounds().getHeight();
              pane.setVvalue(range <= 0 ? 0 : Math.min(1, Math.max(0, (y - 40) / range)));
              pane.layout();
              return;
            }
          }
        });
    WaitForAsyncUtils.waitForFxEvents();
  }

  /** Whether {@code selector} is shown: it and every parent visible. */
  public static boolean visible(Parent root, String selector) {
    return call(() -> shown(root.lookup(selector)));
  }

  /** Whether {@code node} is in a scene, it and every parent visible; on the FX thread. */
  public static boolean shown(Node node) {
    if (node == null || node.getScene() == null) {
      return false;
    }
    for (Node n = node; n != null; n = n.getParent()) {
      if (!n.isVisible()) {
        return false;
      }
    }
    return true;
  }
}
