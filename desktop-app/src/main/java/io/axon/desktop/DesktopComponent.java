package io.axon.desktop;

import dagger.BindsInstance;
import dagger.Component;
import io.axon.desktop.common.FxmlLoaderFactory;
import io.axon.desktop.settings.AppSettings;
import io.axon.desktop.theme.ThemeManager;
import io.axon.desktop.tray.TrayIntegration;
import io.axon.desktop.volunteering.StatusPoller;
import io.axon.desktop.volunteering.VolunteerService;
import jakarta.inject.Singleton;

/** The desktop app's one component, made with its start-up options. */
@Singleton
@Component(modules = DesktopModule.class)
public interface DesktopComponent {
  FxmlLoaderFactory fxmlLoaders();

  VolunteerService volunteering();

  StatusPoller poller();

  ThemeManager themes();

  AppSettings settings();

  TrayIntegration tray();

  java.util.ResourceBundle messages();

  @Component.Factory
  interface Factory {
    DesktopComponent create(@BindsInstance AppOptions options);
  }

  static DesktopComponent create(AppOptions options) {
    return DaggerDesktopComponent.factory().create(options);
  }
}
