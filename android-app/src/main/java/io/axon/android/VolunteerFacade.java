package io.axon.android;

import io.axon.android.prefs.PhonePreferences;
import java.io.IOException;
import java.util.List;

/**
 * Everything the screens need from the volunteering side, in one place: what the phone is doing and
 * why, the start/stop switch, projects, preferences, earnings and the event log. Get it with {@link
 * AxonApp#facade(android.content.Context)}.
 *
 * <p>Methods without {@code throws IOException} are quick and may be called on the main thread;
 * {@link #attach} and {@link #earnings} talk to a coordinator and must not be. Listeners are called
 * on the main thread.
 */
public interface VolunteerFacade {

  /** What the app is doing now (computing, waiting and why, the unit and its progress). */
  VolunteerStatus status();

  /** Called on the main thread whenever {@link #status()} or the event log changes. */
  interface Listener {
    void changed(VolunteerStatus status);
  }

  void addListener(Listener listener);

  void removeListener(Listener listener);

  /** The start/stop switch: on, the app computes whenever the preferences allow it. */
  boolean isEnabled();

  /** Turns volunteering on (the background job is scheduled) or off (computing stops now). */
  void setEnabled(boolean enabled);

  /**
   * Called when a screen comes to the foreground: if Android refused the background job's start of
   * computing (Android 12+), the service is started now, as a visible app may.
   */
  void inForeground();

  /** The attached projects, in the order they were attached. */
  List<Project> projects();

  /**
   * Attaches to the coordinator at {@code coordinatorUrl} with the volunteer's {@code accountKey}
   * (the key the project's web page or {@code POST /api/v1/accounts} gave): checks that the
   * coordinator answers and knows the key, then saves the project. Blocks; not on the main thread.
   *
   * @throws IllegalArgumentException if the URL or key is malformed, or already attached; the
   *     message says which, for the user
   * @throws IOException if the coordinator cannot be reached or refuses the key; the message is
   *     readable
   */
  Project attach(String coordinatorUrl, String accountKey) throws IOException;

  /** Stops computing for the project and forgets it (its unfinished unit is abandoned). */
  void detach(String coordinatorUrl);

  /** The preferences in force (phone defaults until changed). */
  PhonePreferences preferences();

  /**
   * Saves new preferences; they apply within a second.
   *
   * @throws io.axon.android.prefs.InvalidPreferenceException if a value is out of range; its {@code
   *     field()} names the preference and its message is for the user
   */
  void setPreferences(PhonePreferences preferences);

  /**
   * Credit, RAC and money earned with the project at {@code coordinatorUrl}, per day for the chart.
   * Blocks; not on the main thread.
   *
   * @throws IOException if the coordinator cannot be reached, keeps no credit, or does not know the
   *     account key; the message is readable
   */
  Earnings earnings(String coordinatorUrl) throws IOException;

  /** The event log, oldest first, one line per event with its local time ("23:41:07 ..."). */
  List<String> eventLog();
}
