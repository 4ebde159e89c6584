package io.axon.desktop;

import io.axon.desktop.instance.SingleInstance;
import io.axon.desktop.mainwindow.MainWindow;
import io.axon.desktop.tray.TrayIntegration;
import java.awt.EventQueue;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JavaFX application: one instance per data directory, the engines started in the background,
 * the window (or only the tray icon when started minimised), and an orderly quit that checkpoints
 * every unit in training.
 */
public final class DesktopApp extends Application {
  private static final Logger log = LoggerFactory.getLogger(DesktopApp.class);
  private static volatile AppOptions options;

  private DesktopComponent component;
  private SingleInstance instance;
  private Stage stage;
  private boolean trayInstalled;
  private final AtomicBoolean quitting = new AtomicBoolean();

  /** Starts the app with {@code appOptions}; returns when it has quit. */
  static void launch(AppOptions appOptions) {
    options = appOptions;
    Application.launch(DesktopApp.class);
  }

  @Override
  public void start(Stage primaryStage) throws IOException {
    this.stage = primaryStage;
    Optional<SingleInstance> acquired =
        SingleInstance.acquire(options.dataDir(), () -> Platform.runLater(this::showWindow));
    if (acquired.isEmpty()) {
      System.out.println("axon-desktop: already running; brought its window to the front");
      Platform.exit();
      return;
    }
    instance = acquired.get();
    component = DesktopComponent.create(options);
    MainWindow.on(stage, component);
    stage.setOnCloseRequest(
        e -> {
          if (trayInstalled && !options.smokeTest()) {
            e.consume();
            stage.hide(); // keeps volunteering in the tray, like BOINC Manager
          } else {
            quit();
          }
        });
    component.themes().refresh();
    component.volunteering().start();
    component.poller().start();
    boolean minimised = options.minimised() || component.settings().get().startMinimised();
    if (TrayIntegration.available()) {
      Platform.setImplicitExit(false);
      trayInstalled = true;
      EventQueue.invokeLater(
          () -> {
            if (!component.tray().install(this::showWindow, this::quit)) {
              Platform.runLater(this::noTray);
            }
          });
    }
    if (!minimised || !trayInstalled) {
      stage.show();
    }
    if (options.smokeTest()) {
      System.out.println(
          "axon-desktop: main window shown: " + stage.getTitle() + " " + stage.isShowing());
      CompletableFuture.delayedExecutor(2, java.util.concurrent.TimeUnit.SECONDS)
          .execute(() -> Platform.runLater(this::quit));
    }
  }

  private void noTray() {
    trayInstalled = false;
    Platform.setImplicitExit(true);
    if (!stage.isShowing()) {
      stage.show();
    }
  }

  private void showWindow() {
    if (stage.isIconified()) {
      stage.setIconified(false);
    }
    stage.show();
    stage.toFront();
  }

  /** Stops the engines (each checkpoints its unit) off the FX thread, then exits. */
  private void quit() {
    if (!quitting.compareAndSet(false, true)) {
      return;
    }
    stage.hide();
    CompletableFuture.runAsync(
            () -> {
              component.poller().close();
              component.volunteering().close();
              component.tray().remove();
              try {
                instance.close();
              } catch (IOException e) {
                log.debug("Closing the instance lock", e);
              }
            })
        .whenComplete((done, error) -> Platform.runLater(Platform::exit));
  }
}
