package io.axon.desktop.mainwindow;

import io.axon.desktop.DesktopComponent;
import io.axon.desktop.common.FxmlLoaderFactory;
import io.axon.desktop.common.FxmlView;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.stage.Stage;

/** Builds the main window's scene on a stage: used by the app, its tests and the screenshots. */
public final class MainWindow {
  public static final int WIDTH = 1000;
  public static final int HEIGHT = 680;

  private final Scene scene;
  private final MainWindowController controller;

  private MainWindow(Scene scene, MainWindowController controller) {
    this.scene = scene;
    this.controller = controller;
  }

  /** Loads the window into {@code stage} (FX thread); the caller shows it. */
  public static MainWindow on(Stage stage, DesktopComponent component) {
    FxmlLoaderFactory.Loaded<MainWindowController> loaded =
        component.fxmlLoaders().load(FxmlView.MAIN_WINDOW);
    Scene scene = new Scene(loaded.root(), WIDTH, HEIGHT);
    component.themes().register(scene);
    stage.setScene(scene);
    stage.setTitle(component.messages().getString("app.name"));
    stage.setMinWidth(720);
    stage.setMinHeight(480);
    for (int size : new int[] {16, 32, 48, 64, 128, 256}) {
      stage
          .getIcons()
          .add(
              new Image(
                  MainWindow.class
                      .getResource("/io/axon/desktop/icons/axon-" + size + ".png")
                      .toExternalForm()));
    }
    return new MainWindow(scene, loaded.controller());
  }

  public Scene scene() {
    return scene;
  }

  public MainWindowController controller() {
    return controller;
  }
}
