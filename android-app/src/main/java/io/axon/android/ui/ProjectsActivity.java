package io.axon.android.ui;

import android.os.Bundle;
import android.text.Editable;
import android.text.TextWatcher;
import android.view.LayoutInflater;
import android.view.View;
import android.widget.Button;
import android.widget.EditText;
import android.widget.LinearLayout;
import android.widget.TextView;
import io.axon.android.Project;
import io.axon.android.R;
import io.axon.android.VolunteerStatus;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Attach to a coordinator with its address and an account key, each error shown under the field it
 * concerns; the attached projects, each with Detach.
 */
public final class ProjectsActivity extends ScreenActivity {
  private EditText url;
  private TextView urlError;
  private EditText key;
  private TextView keyError;
  private Button attach;
  private TextView message;
  private TextView none;
  private LinearLayout list;
  private List<Project> shown = List.of();

  @Override
  protected void onCreate(Bundle savedInstanceState) {
    super.onCreate(savedInstanceState);
    setContentView(R.layout.activity_projects);
    setTitle(R.string.projects_title);
    url = findViewById(R.id.projects_url);
    urlError = findViewById(R.id.projects_url_error);
    key = findViewById(R.id.projects_key);
    keyError = findViewById(R.id.projects_key_error);
    attach = findViewById(R.id.projects_attach);
    message = findViewById(R.id.projects_message);
    none = findViewById(R.id.projects_none);
    list = findViewById(R.id.projects_list);
    clearOnEdit(url, urlError);
    clearOnEdit(key, keyError);
    attach.setOnClickListener(v -> attach());
  }

  /** An error stays until the volunteer edits the field it is about. */
  private static void clearOnEdit(EditText field, TextView error) {
    field.addTextChangedListener(
        new TextWatcher() {
          @Override
          public void beforeTextChanged(CharSequence s, int start, int count, int after) {}

          @Override
          public void onTextChanged(CharSequence s, int start, int before, int count) {}

          @Override
          public void afterTextChanged(Editable s) {
            error.setVisibility(View.GONE);
          }
        });
  }

  private void attach() {
    String address = url.getText().toString().trim();
    String accountKey = key.getText().toString().trim();
    show(urlError, null);
    show(keyError, null);
    show(message, getString(R.string.projects_attaching, address));
    attach.setEnabled(false);
    inBackground(
        () -> facade.attach(address, accountKey),
        project -> {
          attach.setEnabled(true);
          show(
              message,
              getString(R.string.projects_attached, project.coordinatorUrl(), name(project)));
          key.setText("");
          url.setText("");
          showProjects();
        },
        e -> {
          attach.setEnabled(true);
          show(message, null);
          show(errorFieldFor(e), e.getMessage());
        });
  }

  /** Where the message of a failed attach belongs: under the field it is about. */
  private TextView errorFieldFor(Exception e) {
    String text = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
    if (text.contains("key")) {
      return keyError;
    }
    if (e instanceof IllegalArgumentException || e instanceof IOException) {
      return urlError;
    }
    return message;
  }

  private static void show(TextView view, String text) {
    view.setText(text == null ? "" : text);
    view.setVisibility(text == null ? View.GONE : View.VISIBLE);
  }

  @Override
  void changed(VolunteerStatus status) {
    showProjects();
  }

  private void showProjects() {
    List<Project> projects = facade.projects();
    none.setVisibility(projects.isEmpty() ? View.VISIBLE : View.GONE);
    if (projects.equals(shown)) {
      return; // rebuilt only when the projects change, so that a tap is never lost to a refresh
    }
    shown = new ArrayList<>(projects);
    list.removeAllViews();
    LayoutInflater inflater = getLayoutInflater();
    for (Project p : projects) {
      View row = inflater.inflate(R.layout.item_project, list, false);
      ((TextView) row.findViewById(R.id.project_url)).setText(p.coordinatorUrl());
      ((TextView) row.findViewById(R.id.project_detail))
          .setText(getString(R.string.projects_account, name(p)));
      Button detach = row.findViewById(R.id.project_detach);
      detach.setContentDescription(getString(R.string.projects_detach_from, p.coordinatorUrl()));
      detach.setOnClickListener(
          v -> {
            facade.detach(p.coordinatorUrl());
            show(message, getString(R.string.projects_detached, p.coordinatorUrl()));
            showProjects();
          });
      list.addView(row);
    }
  }

  private static String name(Project p) {
    return p.accountName() == null || p.accountName().isEmpty() ? "–" : p.accountName();
  }
}
