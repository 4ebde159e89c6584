package io.axon.desktop.common;

import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Map;
import java.util.ResourceBundle;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;

/** Loads FXML with the resource bundle and controllers made by Dagger. */
@Singleton
public final class FxmlLoaderFactory {
  private final Map<Class<?>, Provider<Object>> controllers;
  private final ResourceBundle messages;

  @Inject
  FxmlLoaderFactory(Map<Class<?>, Provider<Object>> controllers, ResourceBundle messages) {
    this.controllers = controllers;
    this.messages = messages;
  }

  /** A loaded view: its root node and its controller. */
  public record Loaded<C>(Parent root, C controller) {}

  public <C> Loaded<C> load(FxmlView view) {
    URL url = FxmlLoaderFactory.class.getResource("/io/axon/desktop/" + view.path());
    if (url == null) {
      throw new IllegalStateException("missing FXML " + view.path());
    }
    FXMLLoader loader = new FXMLLoader(url, messages);
    loader.setControllerFactory(
        type -> {
          Provider<Object> provider = controllers.get(type);
          if (provider == null) {
            throw new IllegalStateException("no controller bound for " + type.getName());
          }
          return provider.get();
        });
    try {
      Parent root = loader.load();
      return new Loaded<>(root, loader.getController());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load " + view.path(), e);
    }
  }
}
