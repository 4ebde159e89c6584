package io.axon.android.ui;

import android.os.Bundle;
import android.text.Editable;
import android.text.TextWatcher;
import android.view.View;
import android.widget.ArrayAdapter;
import android.widget.EditText;
import android.widget.ListView;
import android.widget.TextView;
import io.axon.android.R;
import io.axon.android.VolunteerStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The engine's event log, newest last, filtered as the volunteer types. */
public final class EventLogActivity extends ScreenActivity {
  private EditText search;
  private TextView count;
  private TextView empty;
  private ArrayAdapter<String> adapter;
  private List<String> lines = List.of();

  @Override
  protected void onCreate(Bundle savedInstanceState) {
    super.onCreate(savedInstanceState);
    setContentView(R.layout.activity_event_log);
    setTitle(R.string.eventlog_title);
    search = findViewById(R.id.eventlog_search);
    count = findViewById(R.id.eventlog_count);
    empty = findViewById(R.id.eventlog_empty);
    adapter = new ArrayAdapter<>(this, R.layout.item_event, R.id.event_line, new ArrayList<>());
    ListView list = findViewById(R.id.eventlog_list);
    list.setAdapter(adapter);
    search.addTextChangedListener(
        new TextWatcher() {
          @Override
          public void beforeTextChanged(CharSequence s, int start, int count, int after) {}

          @Override
          public void onTextChanged(CharSequence s, int start, int before, int count) {}

          @Override
          public void afterTextChanged(Editable s) {
            filter();
          }
        });
  }

  @Override
  void changed(VolunteerStatus status) {
    List<String> now = facade.eventLog();
    if (!now.equals(lines)) {
      lines = List.copyOf(now);
      filter();
    }
  }

  /** Shows the lines that contain what is typed in the search field, ignoring case. */
  private void filter() {
    String needle = search.getText().toString().trim().toLowerCase(Locale.ROOT);
    List<String> shown = new ArrayList<>();
    for (String line : lines) {
      if (needle.isEmpty() || line.toLowerCase(Locale.ROOT).contains(needle)) {
        shown.add(line);
      }
    }
    adapter.setNotifyOnChange(false);
    adapter.clear();
    adapter.addAll(shown);
    adapter.notifyDataSetChanged();
    count.setText(getString(R.string.eventlog_count, shown.size(), lines.size()));
    empty.setVisibility(lines.isEmpty() ? View.VISIBLE : View.GONE);
  }
}
