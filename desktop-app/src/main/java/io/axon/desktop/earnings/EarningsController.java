package io.axon.desktop.earnings;

import io.axon.desktop.common.Formats;
import io.axon.desktop.credit.CreditApi;
import io.axon.desktop.credit.CreditUnavailableException;
import io.axon.desktop.credit.Earnings;
import io.axon.desktop.settings.AppSettings;
import io.axon.desktop.settings.ProjectSettings;
import io.axon.desktop.volunteering.VolunteerModel;
import jakarta.inject.Inject;
import java.io.IOException;
import java.text.MessageFormat;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.fxml.FXML;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.VBox;

/**
 * Credit and earnings of the volunteer's account at each project: totals, recent average credit
 * (RAC), money earned, credit over time and per job. Shows plainly when a coordinator keeps no
 * credit; never invents numbers.
 */
public final class EarningsController {
  private final CreditApi credit;
  private final AppSettings settings;
  private final VolunteerModel model;
  private final ResourceBundle messages;

  @FXML private ComboBox<String> projectChoice;
  @FXML private Label messageLabel;
  @FXML private VBox figuresBox;
  @FXML private Label totalCreditLabel;
  @FXML private Label racLabel;
  @FXML private Label earningsLabel;
  @FXML private LineChart<String, Number> creditChart;
  @FXML private TableView<Earnings.Job> jobsTable;
  @FXML private TableColumn<Earnings.Job, String> jobColumn;
  @FXML private TableColumn<Earnings.Job, String> jobCreditColumn;
  @FXML private TableColumn<Earnings.Job, String> jobEarningsColumn;
  private String currency = "";

  @Inject
  EarningsController(
      CreditApi credit, AppSettings settings, VolunteerModel model, ResourceBundle messages) {
    this.credit = credit;
    this.settings = settings;
    this.model = model;
    this.messages = messages;
  }

  @FXML
  void initialize() {
    jobColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().jobName()));
    jobCreditColumn.setCellValueFactory(
        c -> new ReadOnlyStringWrapper(Formats.credit(c.getValue().credit())));
    jobEarningsColumn.setCellValueFactory(
        c -> new ReadOnlyStringWrapper(Formats.money(c.getValue().earnings(), currency)));
    jobsTable.setPlaceholder(new Label(messages.getString("earnings.noJobs")));
    creditChart.setAnimated(false);
    projectChoice.valueProperty().addListener((obs, old, url) -> refresh());
    model.snapshotProperty().addListener((obs, old, s) -> updateProjects());
    updateProjects();
  }

  private void updateProjects() {
    List<String> urls =
        settings.get().projects().stream().map(ProjectSettings::coordinatorUrl).toList();
    if (!urls.equals(projectChoice.getItems())) {
      String selected = projectChoice.getValue();
      projectChoice.setItems(FXCollections.observableArrayList(urls));
      projectChoice.setValue(
          urls.contains(selected) ? selected : urls.isEmpty() ? null : urls.get(0));
      if (urls.isEmpty()) {
        refresh();
      }
    }
  }

  /** Asks the selected project's coordinator again (off the FX thread). */
  @FXML
  public void refresh() {
    String url = projectChoice.getValue();
    ProjectSettings project =
        settings.get().projects().stream()
            .filter(p -> p.coordinatorUrl().equals(url))
            .findFirst()
            .orElse(null);
    if (project == null) {
      message(messages.getString("earnings.noProject"));
      return;
    }
    if (project.accountKey() == null) {
      message(messages.getString("earnings.anonymous"));
      return;
    }
    message(messages.getString("earnings.loading"));
    CompletableFuture.supplyAsync(
            () -> {
              try {
                return credit.earnings(project.coordinatorUrl(), project.accountKey());
              } catch (IOException e) {
                throw new CompletionException(e);
              }
            })
        .whenComplete(
            (earnings, error) ->
                Platform.runLater(
                    () -> {
                      if (!project.coordinatorUrl().equals(projectChoice.getValue())) {
                        return; // another project was chosen meanwhile
                      }
                      if (error == null) {
                        show(earnings);
                        return;
                      }
                      Throwable cause =
                          error instanceof CompletionException ? error.getCause() : error;
                      message(
                          cause instanceof CreditUnavailableException
                              ? messages.getString("earnings.unavailable")
                              : MessageFormat.format(
                                  messages.getString("earnings.failed"), cause.getMessage()));
                    }));
  }

  private void message(String text) {
    messageLabel.setText(text);
    messageLabel.setVisible(true);
    messageLabel.setManaged(true);
    figuresBox.setVisible(false);
    figuresBox.setManaged(false);
  }

  private void show(Earnings e) {
    currency = e.currency();
    messageLabel.setVisible(false);
    messageLabel.setManaged(false);
    figuresBox.setVisible(true);
    figuresBox.setManaged(true);
    totalCreditLabel.setText(Formats.credit(e.totalCredit()));
    racLabel.setText(Formats.credit(e.recentAverageCredit()));
    earningsLabel.setText(Formats.money(e.totalEarnings(), e.currency()));
    XYChart.Series<String, Number> series = new XYChart.Series<>();
    series.setName(messages.getString("earnings.creditPerDay"));
    double cumulative = 0;
    for (Earnings.Day day : e.days()) {
      cumulative += day.credit();
      series.getData().add(new XYChart.Data<>(day.date().toString(), cumulative));
    }
    creditChart.getData().setAll(List.of(series));
    jobsTable.setItems(FXCollections.observableArrayList(e.jobs()));
  }
}
