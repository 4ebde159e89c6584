package io.axon.android.ui;

import static io.axon.android.ui.Screens.shown;
import static io.axon.android.ui.Screens.text;
import static io.axon.android.ui.Screens.type;
import static io.axon.android.ui.Screens.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import android.widget.ListAdapter;
import android.widget.ListView;
import io.axon.android.R;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.Robolectric;
import org.robolectric.RobolectricTestRunner;

/** The event log screen against the app's real event log. */
@RunWith(RobolectricTestRunner.class)
public class EventLogActivityTest {
  private static EventLogActivity open() {
    return Robolectric.buildActivity(EventLogActivity.class).setup().get();
  }

  @Test
  public void listsTheEventsAndFollowsNewOnes() {
    EventLogActivity screen = open();
    int before = Screens.facade().eventLog().size();
    // switching volunteering on and off is logged, with the reason
    Screens.facade().setEnabled(true);
    Screens.facade().setEnabled(false);
    waitUntil("new events are logged", () -> Screens.facade().eventLog().size() > before);
    waitUntil(
        "the screen lists them", () -> shownLines(screen).equals(Screens.facade().eventLog()));
    int all = Screens.facade().eventLog().size();
    assertThat(text(screen, R.id.eventlog_count)).isEqualTo(all + " of " + all + " events");
    assertThat(shown(screen, R.id.eventlog_empty)).isFalse();
  }

  @Test
  public void searchShowsOnlyTheLinesThatContainWhatIsTypedIgnoringCase() {
    Screens.facade().setEnabled(true);
    Screens.facade().setEnabled(false);
    EventLogActivity screen = open();
    waitUntil("events are listed", () -> !shownLines(screen).isEmpty());
    List<String> log = Screens.facade().eventLog();
    // a word of the last line, typed in upper case
    String[] words = log.get(log.size() - 1).split(" ");
    String word = words[words.length - 1];
    type(screen, R.id.eventlog_search, word.toUpperCase(Locale.ROOT));
    List<String> expected = new ArrayList<>();
    for (String line : log) {
      if (line.toLowerCase(Locale.ROOT).contains(word.toLowerCase(Locale.ROOT))) {
        expected.add(line);
      }
    }
    assertThat(shownLines(screen)).isEqualTo(expected).isNotEmpty();
    assertThat(text(screen, R.id.eventlog_count))
        .isEqualTo(expected.size() + " of " + log.size() + " events");

    type(screen, R.id.eventlog_search, "no line says this");
    assertThat(shownLines(screen)).isEmpty();
    assertThat(text(screen, R.id.eventlog_count)).isEqualTo("0 of " + log.size() + " events");
  }

  private static List<String> shownLines(EventLogActivity screen) {
    ListAdapter adapter = ((ListView) screen.findViewById(R.id.eventlog_list)).getAdapter();
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < adapter.getCount(); i++) {
      lines.add(String.valueOf(adapter.getItem(i)));
    }
    return lines;
  }
}
