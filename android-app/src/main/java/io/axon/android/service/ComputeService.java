package io.axon.android.service;

import android.app.Notification;
import android.app.NotificationManager;
import android.app.Service;
import android.content.BroadcastReceiver;
import android.content.Context;
import android.content.Intent;
import android.content.IntentFilter;
import android.content.pm.ServiceInfo;
import android.net.ConnectivityManager;
import android.net.Network;
import android.os.Build;
import android.os.Handler;
import android.os.IBinder;
import android.os.Looper;
import io.axon.android.AxonApp;
import io.axon.android.VolunteerStatus;
import io.axon.android.engine.EngineHost;
import io.axon.android.engine.PhoneDecision;
import io.axon.android.engine.Volunteering;
import io.axon.android.monitor.AndroidResourceMonitor;
import io.axon.android.prefs.PhonePreferences;
import io.axon.android.prefs.SettingsStore;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The foreground service that owns the engines. It decides every second, and at once on every
 * battery, screen and network broadcast: while the phone policy allows computing the engines run;
 * when a condition breaks (unplugged, too hot, screen on, charge below the band) they are stopped
 * within seconds and the unit in training is checkpointed, so that it resumes later. When the
 * condition is one JobScheduler watches (unplugged), the service goes away and the job is
 * rescheduled; otherwise it waits in the foreground, saying why in its notification.
 */
public final class ComputeService extends Service {
  /** How often the service decides without a broadcast. */
  static final long TICK_MILLIS = 1000;

  private final Handler main = new Handler(Looper.getMainLooper());
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final ExecutorService worker =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "axon-service");
            t.setDaemon(true);
            return t;
          });
  private Volunteering volunteering;
  private EngineHost host;
  private SettingsStore store;
  private ComputeScheduler scheduler;
  private AndroidResourceMonitor monitor;
  private String shown;
  private boolean destroyed;

  private final Runnable tick =
      () -> {
        decide();
        scheduleTick();
      };

  private final BroadcastReceiver conditions =
      new BroadcastReceiver() {
        @Override
        public void onReceive(Context context, Intent intent) {
          monitor.invalidate();
          decide();
        }
      };

  private final ConnectivityManager.NetworkCallback network =
      new ConnectivityManager.NetworkCallback() {
        @Override
        public void onAvailable(Network n) {
          main.post(ComputeService.this::refresh);
        }

        @Override
        public void onLost(Network n) {
          main.post(ComputeService.this::refresh);
        }
      };

  @Override
  public void onCreate() {
    super.onCreate();
    var component = ((AxonApp) getApplication()).component();
    volunteering = component.volunteering();
    host = component.engineHost();
    store = component.settings();
    scheduler = component.scheduler();
    monitor = component.monitor();
    ComputeNotification.createChannel(this);
    Notification first = ComputeNotification.build(this, volunteering.status());
    if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.UPSIDE_DOWN_CAKE) {
      startForeground(
          ComputeNotification.ID, first, ServiceInfo.FOREGROUND_SERVICE_TYPE_SPECIAL_USE);
    } else {
      startForeground(ComputeNotification.ID, first);
    }
    IntentFilter filter = new IntentFilter();
    filter.addAction(Intent.ACTION_BATTERY_CHANGED);
    filter.addAction(Intent.ACTION_POWER_CONNECTED);
    filter.addAction(Intent.ACTION_POWER_DISCONNECTED);
    filter.addAction(Intent.ACTION_SCREEN_ON);
    filter.addAction(Intent.ACTION_SCREEN_OFF);
    registerReceiver(conditions, filter);
    ConnectivityManager connectivity = getSystemService(ConnectivityManager.class);
    if (connectivity != null) {
      connectivity.registerDefaultNetworkCallback(network);
    }
    volunteering.serviceStarted();
    scheduleTick();
  }

  @Override
  public int onStartCommand(Intent intent, int flags, int startId) {
    decide();
    // killed by Android while computing: it starts the service again and the units resume
    return START_STICKY;
  }

  private void refresh() {
    monitor.invalidate();
    decide();
  }

  private void scheduleTick() {
    if (!destroyed) {
      main.removeCallbacks(tick);
      main.postDelayed(tick, TICK_MILLIS);
    }
  }

  /** One decision: start or stop the engines, update the notification. */
  void decide() {
    if (destroyed) {
      return;
    }
    if (!store.enabled() || store.projects().isEmpty()) {
      stopSelf();
      return;
    }
    PhoneDecision decision = volunteering.decide();
    if (decision.computeAllowed()) {
      if (!stopping.get()) {
        PhonePreferences prefs = store.preferences();
        host.start(
            store.projects(),
            prefs.threads(Runtime.getRuntime().availableProcessors()),
            volunteering::corePreferences);
      }
    } else if (host.running() && stopping.compareAndSet(false, true)) {
      volunteering.record("stopping: " + decision.reason());
      worker.execute(
          () -> {
            try {
              host.stop();
            } finally {
              stopping.set(false);
              main.post(this::decide);
            }
          });
    } else if (!host.running() && !stopping.get() && decision.cause().watchedByJobScheduler()) {
      // JobScheduler brings the service back when the phone is plugged in again
      scheduler.schedule(store.preferences());
      stopSelf();
      return;
    }
    showStatus();
  }

  private void showStatus() {
    VolunteerStatus status = volunteering.status();
    String text =
        status.reason()
            + (status.unit() == null ? "" : " " + Math.round(status.unit().progress() * 1000));
    if (!text.equals(shown)) {
      shown = text;
      getSystemService(NotificationManager.class)
          .notify(ComputeNotification.ID, ComputeNotification.build(this, status));
    }
  }

  @Override
  public void onDestroy() {
    destroyed = true;
    main.removeCallbacks(tick);
    unregisterReceiver(conditions);
    ConnectivityManager connectivity = getSystemService(ConnectivityManager.class);
    if (connectivity != null) {
      try {
        connectivity.unregisterNetworkCallback(network);
      } catch (IllegalArgumentException e) {
        // never registered
      }
    }
    volunteering.record("service stopped");
    // the engines checkpoint on their own threads; the process may go right after
    worker.execute(host::stop);
    worker.shutdown();
    super.onDestroy();
  }

  @Override
  public IBinder onBind(Intent intent) {
    return null;
  }
}
