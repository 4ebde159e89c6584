package io.axon.android.ui;

import android.os.Bundle;
import android.view.View;
import android.widget.AdapterView;
import android.widget.ArrayAdapter;
import android.widget.Button;
import android.widget.Spinner;
import android.widget.TextView;
import io.axon.android.Earnings;
import io.axon.android.Project;
import io.axon.android.R;
import io.axon.android.VolunteerStatus;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Credit, recent average credit (RAC) and money earned at a project, with credit over time as a
 * small chart, all as the coordinator reports them: a coordinator that keeps no credit, or cannot
 * be reached, is said so plainly and nothing is estimated.
 */
public final class EarningsActivity extends ScreenActivity {
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("MM-dd").withLocale(Locale.ROOT);

  private Spinner projectChoice;
  private TextView project;
  private TextView message;
  private View figures;
  private TextView credit;
  private TextView rac;
  private TextView money;
  private CreditChartView chart;
  private Button refresh;
  private List<String> urls = List.of();

  /** The project whose figures were asked for last. */
  private String asked;

  @Override
  protected void onCreate(Bundle savedInstanceState) {
    super.onCreate(savedInstanceState);
    setContentView(R.layout.activity_earnings);
    setTitle(R.string.earnings_title);
    projectChoice = findViewById(R.id.earnings_project_choice);
    project = findViewById(R.id.earnings_project);
    message = findViewById(R.id.earnings_message);
    figures = findViewById(R.id.earnings_figures);
    credit = findViewById(R.id.earnings_credit);
    rac = findViewById(R.id.earnings_rac);
    money = findViewById(R.id.earnings_money);
    chart = findViewById(R.id.earnings_chart);
    refresh = findViewById(R.id.earnings_refresh);
    refresh.setOnClickListener(v -> refresh());
    projectChoice.setOnItemSelectedListener(
        new AdapterView.OnItemSelectedListener() {
          @Override
          public void onItemSelected(AdapterView<?> parent, View view, int position, long id) {
            if (!Objects.equals(selected(), asked)) {
              refresh();
            }
          }

          @Override
          public void onNothingSelected(AdapterView<?> parent) {}
        });
  }

  @Override
  protected void onStart() {
    super.onStart();
    refresh();
  }

  @Override
  void changed(VolunteerStatus status) {
    List<String> now = new ArrayList<>();
    for (Project p : facade.projects()) {
      now.add(p.coordinatorUrl());
    }
    if (now.equals(urls)) {
      return;
    }
    String selected = selected();
    urls = now;
    projectChoice.setAdapter(
        new ArrayAdapter<>(this, android.R.layout.simple_spinner_dropdown_item, urls));
    projectChoice.setVisibility(urls.size() > 1 ? View.VISIBLE : View.GONE);
    if (urls.contains(selected)) {
      projectChoice.setSelection(urls.indexOf(selected));
    }
  }

  private String selected() {
    Object item = projectChoice.getSelectedItem();
    return item == null ? null : item.toString();
  }

  /** Asks the selected project's coordinator again (off the main thread). */
  private void refresh() {
    String url = selected();
    asked = url;
    if (url == null) {
      project.setVisibility(View.GONE);
      refresh.setVisibility(View.GONE);
      message(getString(R.string.earnings_no_project));
      return;
    }
    project.setVisibility(View.VISIBLE);
    refresh.setVisibility(View.VISIBLE);
    project.setText(url);
    message(getString(R.string.earnings_loading));
    refresh.setEnabled(false);
    inBackground(
        () -> facade.earnings(url),
        earnings -> {
          refresh.setEnabled(true);
          if (url.equals(selected())) {
            show(url, earnings);
          }
        },
        e -> {
          refresh.setEnabled(true);
          if (url.equals(selected())) {
            message(getString(R.string.earnings_failed, e.getMessage()));
          }
        });
  }

  private void message(String text) {
    message.setText(text);
    message.setVisibility(View.VISIBLE);
    figures.setVisibility(View.GONE);
  }

  private void show(String url, Earnings e) {
    message.setVisibility(View.GONE);
    figures.setVisibility(View.VISIBLE);
    project.setText(getString(R.string.earnings_account_at, e.accountName(), url));
    credit.setText(Formats.credit(e.totalCredit()));
    rac.setText(Formats.credit(e.recentAverageCredit()));
    money.setText(Formats.money(e.totalEarnings(), e.currency()));
    chart.show(points(e.days()), getString(R.string.earnings_chart_empty));
  }

  /** The chart's points: credit earned up to and including each day, oldest first. */
  static List<CreditChartView.Point> points(List<Earnings.Day> days) {
    List<CreditChartView.Point> points = new ArrayList<>();
    double cumulative = 0;
    for (Earnings.Day day : days) {
      cumulative += day.credit();
      points.add(new CreditChartView.Point(DAY.format(day.date()), cumulative));
    }
    return points;
  }
}
