package io.axon.desktop;

import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import dagger.multibindings.ClassKey;
import dagger.multibindings.IntoMap;
import io.axon.desktop.credit.CoordinatorCreditApi;
import io.axon.desktop.credit.CreditApi;
import io.axon.desktop.earnings.EarningsController;
import io.axon.desktop.eventlog.EventLogController;
import io.axon.desktop.mainwindow.MainWindowController;
import io.axon.desktop.preferences.PreferencesController;
import io.axon.desktop.projects.ProjectsController;
import io.axon.desktop.status.StatusController;
import io.axon.desktop.tasks.TasksController;
import io.axon.desktop.theme.OsThemeDetector;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.ResourceBundle;

/** The app's bindings; every FXML controller is listed here for the controller factory. */
@Module
abstract class DesktopModule {
  @Provides
  @Singleton
  static ResourceBundle messages() {
    return ResourceBundle.getBundle("io.axon.desktop.messages");
  }

  @Provides
  static Clock clock() {
    return Clock.systemDefaultZone();
  }

  @Provides
  static OsThemeDetector themeDetector() {
    return new OsThemeDetector();
  }

  @Binds
  abstract CreditApi creditApi(CoordinatorCreditApi api);

  @Binds
  @IntoMap
  @ClassKey(MainWindowController.class)
  abstract Object mainWindow(MainWindowController controller);

  @Binds
  @IntoMap
  @ClassKey(StatusController.class)
  abstract Object status(StatusController controller);

  @Binds
  @IntoMap
  @ClassKey(ProjectsController.class)
  abstract Object projects(ProjectsController controller);

  @Binds
  @IntoMap
  @ClassKey(TasksController.class)
  abstract Object tasks(TasksController controller);

  @Binds
  @IntoMap
  @ClassKey(PreferencesController.class)
  abstract Object preferences(PreferencesController controller);

  @Binds
  @IntoMap
  @ClassKey(EarningsController.class)
  abstract Object earnings(EarningsController controller);

  @Binds
  @IntoMap
  @ClassKey(EventLogController.class)
  abstract Object eventLog(EventLogController controller);
}
