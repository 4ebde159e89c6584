package io.axon.android.engine;

import android.content.Context;
import android.os.Handler;
import android.os.Looper;
import io.axon.android.Earnings;
import io.axon.android.Project;
import io.axon.android.VolunteerFacade;
import io.axon.android.VolunteerStatus;
import io.axon.android.VolunteerStatus.State;
import io.axon.android.VolunteerStatus.UnitProgress;
import io.axon.android.monitor.AndroidResourceMonitor;
import io.axon.android.prefs.PhonePreferences;
import io.axon.android.prefs.SettingsStore;
import io.axon.android.service.ComputeScheduler;
import io.axon.core.client.CoordinatorClient;
import io.axon.core.client.CoordinatorException;
import io.axon.core.eventlog.Event;
import io.axon.core.eventlog.EventLog;
import io.axon.core.prefs.Preferences;
import io.axon.core.protocol.AccountSummary;
import io.axon.core.protocol.EarningsStatement;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

/**
 * The facade behind the screens: settings, the phone policy, the engines and the background job in
 * one place. Each decision that changes is written to the app's event log with its reason.
 */
@Singleton
public final class Volunteering implements VolunteerFacade {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

  /** The status while Android refuses the job's start of the service (Android 12+). */
  public static final String BACKGROUND_START_BLOCKED =
      "waiting: Android blocked background start; allow Axon to run in the background";

  private final Context context;
  private final SettingsStore store;
  private final PhonePolicy policy;
  private final AndroidResourceMonitor monitor;
  private final EngineHost host;
  private final ComputeScheduler scheduler;
  private final EventLog events;
  private final Handler main = new Handler(Looper.getMainLooper());
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();
  private final ExecutorService background =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "axon-volunteering");
            t.setDaemon(true);
            return t;
          });
  private volatile PhoneDecision lastDecision;
  private volatile boolean notifyPosted;
  // Android refused the job's start of the service; over once the service runs or the switch goes
  // off. Not persisted: a new process starts from the job or the app, which will tell again
  private volatile boolean backgroundStartRefused;

  @Inject
  Volunteering(
      Context context,
      SettingsStore store,
      PhonePolicy policy,
      AndroidResourceMonitor monitor,
      EngineHost host,
      ComputeScheduler scheduler) {
    this.context = context;
    this.store = store;
    this.policy = policy;
    this.monitor = monitor;
    this.host = host;
    this.scheduler = scheduler;
    this.events = openEventLog(context);
    host.addListener(this::changed);
  }

  private static EventLog openEventLog(Context context) {
    try {
      return EventLog.open(context.getFilesDir().toPath().resolve("app"), Clock.systemUTC());
    } catch (IOException e) {
      return EventLog.inMemory(EventLog.DEFAULT_CAPACITY, Clock.systemUTC());
    }
  }

  /**
   * The phone policy's decision now; a change of reason goes to the event log. The service calls it
   * every second and on every battery, screen and network broadcast.
   */
  public PhoneDecision decide() {
    PhoneDecision decision = policy.decide(store.preferences(), monitor.phone());
    PhoneDecision last = lastDecision;
    lastDecision = decision;
    if (last == null || !last.reason().equals(decision.reason())) {
      events.record(decision.reason());
      changed();
    }
    return decision;
  }

  /** The core preferences the engines run under (read by their governors every second). */
  public Preferences corePreferences() {
    PhoneDecision decision = lastDecision;
    return CorePreferences.from(
        store.preferences(), decision == null || decision.transfersAllowed());
  }

  /** Records a line in the event log (the service's own events). */
  public void record(String message) {
    events.record(message);
    changed();
  }

  /**
   * Android refused to let the job start the service from the background (Android 12+, an app not
   * exempt from battery optimisation): logged, and the status says so until the service runs.
   */
  public void backgroundStartRefused(String detail) {
    backgroundStartRefused = true;
    record(
        "Android did not let Axon start computing in the background ("
            + detail
            + "): allow Axon to run in the background (the status screen asks), or open the app");
  }

  /** The service is up (in the foreground): a refused background start is over. */
  public void serviceStarted() {
    backgroundStartRefused = false;
    record("service started");
  }

  @Override
  public VolunteerStatus status() {
    if (!store.enabled()) {
      return new VolunteerStatus(State.STOPPED, "stopped", null);
    }
    if (store.projects().isEmpty()) {
      return new VolunteerStatus(State.NO_PROJECT, "no project attached", null);
    }
    PhoneDecision decision = policy.decide(store.preferences(), monitor.phone());
    UnitProgress unit = host.unit();
    if (!decision.computeAllowed()) {
      return new VolunteerStatus(State.WAITING, decision.reason(), unit);
    }
    String failure = host.failure();
    if (failure != null) {
      return new VolunteerStatus(State.WAITING, "waiting: " + failure, unit);
    }
    if (host.running()) {
      return unit != null
          ? new VolunteerStatus(State.COMPUTING, "computing", unit)
          : new VolunteerStatus(State.WAITING, "waiting: asking the project for work", null);
    }
    if (backgroundStartRefused) {
      return new VolunteerStatus(State.WAITING, BACKGROUND_START_BLOCKED, unit);
    }
    String transfers = PhonePolicy.transferReason(store.preferences(), monitor.phone());
    return new VolunteerStatus(
        State.WAITING,
        transfers != null
            ? "waiting: " + transfers.substring("transfers wait: ".length())
            : "waiting: Android starts the job",
        unit);
  }

  @Override
  public void addListener(Listener listener) {
    listeners.add(listener);
  }

  @Override
  public void removeListener(Listener listener) {
    listeners.remove(listener);
  }

  /** Tells the listeners, once per main-loop turn however often the engines report. */
  void changed() {
    if (notifyPosted) {
      return;
    }
    notifyPosted = true;
    main.post(
        () -> {
          notifyPosted = false;
          VolunteerStatus status = status();
          for (Listener listener : listeners) {
            listener.changed(status);
          }
        });
  }

  @Override
  public boolean isEnabled() {
    return store.enabled();
  }

  @Override
  public void setEnabled(boolean enabled) {
    if (enabled == store.enabled()) {
      return;
    }
    store.setEnabled(enabled);
    if (enabled) {
      events.record("started by the volunteer");
      scheduler.schedule(store.preferences());
      if (!store.projects().isEmpty() && decide().computeAllowed()) {
        scheduler.startNow();
      }
    } else {
      events.record("stopped by the volunteer");
      backgroundStartRefused = false;
      scheduler.cancel();
      scheduler.stopService();
    }
    changed();
  }

  @Override
  public void inForeground() {
    if (backgroundStartRefused
        && store.enabled()
        && !store.projects().isEmpty()
        && !host.running()
        && decide().computeAllowed()) {
      try {
        scheduler.startNow();
      } catch (IllegalStateException e) {
        // not in the foreground after all (ForegroundServiceStartNotAllowedException): the job's
        // next run, or the next visit, tries again
        record("Android did not let Axon start computing (" + e.getMessage() + ")");
      }
    }
  }

  @Override
  public List<Project> projects() {
    return store.projects();
  }

  @Override
  public Project attach(String coordinatorUrl, String accountKey) throws IOException {
    String url = normalizeUrl(coordinatorUrl);
    String key = accountKey == null ? "" : accountKey.trim();
    if (key.isEmpty()) {
      throw new IllegalArgumentException("The account key is missing");
    }
    for (Project p : store.projects()) {
      if (p.coordinatorUrl().equals(url)) {
        throw new IllegalArgumentException(url + " is attached already");
      }
    }
    AccountSummary account;
    try (CoordinatorClient client = CoordinatorClient.builder(url).maxAttempts(2).build()) {
      account = client.account(key);
    } catch (CoordinatorException e) {
      if (e.status() == 401 || e.status() == 404) {
        throw new IOException(url + " does not know this account key", e);
      }
      throw new IOException(url + " refused: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new IOException("Cannot reach " + url + ": " + e.getMessage(), e);
    }
    Project project = new Project(url, key, account.name());
    synchronized (store) {
      List<Project> projects = new ArrayList<>(store.projects());
      projects.add(project);
      store.setProjects(projects);
    }
    events.record("attached to " + url + " as " + account.name());
    if (store.enabled()) {
      scheduler.schedule(store.preferences());
    }
    changed();
    return project;
  }

  @Override
  public void detach(String coordinatorUrl) {
    synchronized (store) {
      List<Project> projects = new ArrayList<>(store.projects());
      if (!projects.removeIf(p -> p.coordinatorUrl().equals(coordinatorUrl))) {
        return;
      }
      store.setProjects(projects);
    }
    events.record("detached from " + coordinatorUrl);
    Path dir = host.dataDir(coordinatorUrl);
    background.execute(
        () -> {
          host.stop(coordinatorUrl);
          deleteTree(dir);
        });
    changed();
  }

  @Override
  public PhonePreferences preferences() {
    return store.preferences();
  }

  @Override
  public void setPreferences(PhonePreferences preferences) {
    if (preferences == null) {
      throw new IllegalArgumentException("preferences are required");
    }
    store.setPreferences(preferences);
    events.record("preferences changed");
    if (store.enabled()) {
      // the job's constraints follow the preferences
      scheduler.schedule(preferences);
    }
    changed();
  }

  @Override
  public Earnings earnings(String coordinatorUrl) throws IOException {
    Project project =
        store.projects().stream()
            .filter(p -> p.coordinatorUrl().equals(coordinatorUrl))
            .findFirst()
            .orElseThrow(() -> new IOException(coordinatorUrl + " is not attached"));
    try (CoordinatorClient client =
        CoordinatorClient.builder(coordinatorUrl).maxAttempts(2).build()) {
      AccountSummary summary = client.account(project.accountKey());
      EarningsStatement statement = client.statement(project.accountKey(), null, null);
      List<Earnings.Day> days = new ArrayList<>();
      for (EarningsStatement.Day day : statement.days()) {
        days.add(new Earnings.Day(day.date(), day.credit(), day.earnings()));
      }
      days.sort(Comparator.comparing(Earnings.Day::date));
      return new Earnings(
          summary.name(),
          summary.totalCredit(),
          summary.recentAverageCredit(),
          summary.currency(),
          summary.totalEarnings(),
          days);
    } catch (CoordinatorException e) {
      if (e.status() == 404 || e.status() == 405) {
        throw new IOException("Credit is not available from this coordinator", e);
      }
      if (e.status() == 401) {
        throw new IOException("The coordinator does not know this account key", e);
      }
      throw e;
    }
  }

  @Override
  public List<String> eventLog() {
    List<Event> all = new ArrayList<>(events.recent());
    all.addAll(host.events());
    all.sort(Comparator.comparing(Event::time));
    ZoneId zone = ZoneId.systemDefault();
    List<String> lines = new ArrayList<>(all.size());
    for (Event e : all) {
      lines.add(TIME.format(e.time().atZone(zone)) + " " + e.message());
    }
    return lines;
  }

  static String normalizeUrl(String url) {
    String u = url == null ? "" : url.trim();
    while (u.endsWith("/")) {
      u = u.substring(0, u.length() - 1);
    }
    if (u.isEmpty()) {
      throw new IllegalArgumentException("The coordinator URL is missing");
    }
    try {
      URI uri = new URI(u);
      String scheme = uri.getScheme();
      if (scheme == null
          || !(scheme.equals("http") || scheme.equals("https"))
          || uri.getHost() == null) {
        throw new IllegalArgumentException(
            "The coordinator URL must look like https://host or http://host:port, got " + url);
      }
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("The coordinator URL is not a URL: " + url, e);
    }
    return u;
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // left for the next detach of the same URL; the data is private to the app
    }
  }
}
