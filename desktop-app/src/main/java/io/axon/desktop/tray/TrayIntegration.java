package io.axon.desktop.tray;

import io.axon.desktop.status.StatusController;
import io.axon.desktop.volunteering.VolunteerService;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.awt.GraphicsEnvironment;
import java.awt.Image;
import java.awt.MenuItem;
import java.awt.PopupMenu;
import java.awt.SystemTray;
import java.awt.Toolkit;
import java.awt.TrayIcon;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import javafx.application.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The system tray icon, where the desktop has a tray (java.awt.SystemTray): Pause, Snooze 1 h,
 * Resume, Open and Quit. Its menu actions are plain {@link Runnable}s, tested without a tray.
 */
@Singleton
public final class TrayIntegration {
  private static final Logger log = LoggerFactory.getLogger(TrayIntegration.class);

  /** One menu entry: its label and what it does. */
  public record Action(String label, Runnable run) {}

  private final VolunteerService service;
  private final ResourceBundle messages;
  private TrayIcon icon;

  @Inject
  TrayIntegration(VolunteerService service, ResourceBundle messages) {
    this.service = service;
    this.messages = messages;
  }

  /** The menu: {@code open} shows the window, {@code quit} ends the app. */
  public List<Action> actions(Runnable open, Runnable quit) {
    List<Action> actions = new ArrayList<>();
    actions.add(new Action(messages.getString("tray.open"), () -> Platform.runLater(open)));
    actions.add(new Action(messages.getString("tray.pause"), service::pause));
    actions.add(
        new Action(
            messages.getString("tray.snooze"), () -> service.snooze(StatusController.SNOOZE)));
    actions.add(new Action(messages.getString("tray.resume"), service::resume));
    actions.add(new Action(messages.getString("tray.quit"), () -> Platform.runLater(quit)));
    return actions;
  }

  /** Whether a tray icon can be shown here. */
  public static boolean available() {
    try {
      return !GraphicsEnvironment.isHeadless() && SystemTray.isSupported();
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }

  /** Adds the icon to the tray; false where there is no tray (the window then stays open). */
  public boolean install(Runnable open, Runnable quit) {
    if (!available()) {
      return false;
    }
    try {
      PopupMenu menu = new PopupMenu();
      for (Action action : actions(open, quit)) {
        MenuItem item = new MenuItem(action.label());
        item.addActionListener(e -> action.run().run());
        menu.add(item);
      }
      URL url = TrayIntegration.class.getResource("/io/axon/desktop/icons/axon-32.png");
      Image image = Toolkit.getDefaultToolkit().getImage(url);
      icon = new TrayIcon(image, messages.getString("app.name"), menu);
      icon.setImageAutoSize(true);
      icon.addActionListener(e -> Platform.runLater(open)); // double-click
      SystemTray.getSystemTray().add(icon);
      log.info("Tray icon shown: Open, Pause, Snooze 1 h, Resume, Quit");
      return true;
    } catch (Exception e) {
      log.info("No system tray icon: {}", e.toString());
      return false;
    }
  }

  /** Updates the icon's tooltip with the state, e.g. "Axon: Running". */
  public void tooltip(String text) {
    TrayIcon i = icon;
    if (i != null) {
      java.awt.EventQueue.invokeLater(() -> i.setToolTip(text));
    }
  }

  public void remove() {
    TrayIcon i = icon;
    if (i != null) {
      SystemTray.getSystemTray().remove(i);
      icon = null;
    }
  }
}
