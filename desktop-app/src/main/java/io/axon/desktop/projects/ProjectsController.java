package io.axon.desktop.projects;

import io.axon.desktop.credit.CreditApi;
import io.axon.desktop.credit.CreditUnavailableException;
import io.axon.desktop.credit.NewAccount;
import io.axon.desktop.settings.ProjectSettings;
import io.axon.desktop.volunteering.ProjectStatus;
import io.axon.desktop.volunteering.StatusPoller;
import io.axon.desktop.volunteering.VolunteerModel;
import io.axon.desktop.volunteering.VolunteerService;
import io.axon.desktop.volunteering.VolunteerSnapshot;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javafx.application.Platform;
import javafx.fxml.FXML;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * Attach to a coordinator (with an account key, or a new account made on the spot), detach, and "no
 * new work". On first run the demo coordinator's address is filled in, so one click attaches.
 */
public final class ProjectsController {
  /** Where {@code ./axon demo} and {@code ./axon coordinator} listen by default. */
  public static final String DEMO_COORDINATOR = "http://localhost:8080";

  private final VolunteerModel model;
  private final VolunteerService service;
  private final StatusPoller poller;
  private final CreditApi credit;
  private final ResourceBundle messages;
  private List<ProjectSettings> shownProjects = List.of();

  @FXML private VBox welcomeBox;
  @FXML private TextField urlField;
  @FXML private TextField keyField;
  @FXML private Button attachButton;
  @FXML private Label attachMessage;
  @FXML private VBox projectsBox;
  @FXML private Label noProjectsLabel;

  @Inject
  ProjectsController(
      VolunteerModel model,
      VolunteerService service,
      StatusPoller poller,
      CreditApi credit,
      ResourceBundle messages) {
    this.model = model;
    this.service = service;
    this.poller = poller;
    this.credit = credit;
    this.messages = messages;
  }

  @FXML
  void initialize() {
    urlField.setText(DEMO_COORDINATOR);
    model.snapshotProperty().addListener((obs, old, snapshot) -> show(snapshot));
    show(model.snapshot());
  }

  /** Attaches with the key given, or creates an account first when none is given. */
  @FXML
  void attach() {
    String url = urlField.getText() == null ? "" : urlField.getText().trim();
    String problem = urlProblem(url);
    if (problem != null) {
      attachMessage.setText(problem);
      attachMessage.getStyleClass().setAll("label", "field-error");
      return;
    }
    String key = keyField.getText() == null ? "" : keyField.getText().trim();
    attachButton.setDisable(true);
    attachMessage.getStyleClass().setAll("label", "muted");
    attachMessage.setText(MessageFormat.format(messages.getString("projects.attaching"), url));
    CompletableFuture.supplyAsync(() -> project(url, key))
        .thenCompose(project -> service.attach(project).thenApply(done -> project))
        .whenComplete(
            (project, error) ->
                Platform.runLater(
                    () -> {
                      attachButton.setDisable(false);
                      if (error != null) {
                        Throwable cause =
                            error instanceof CompletionException ? error.getCause() : error;
                        attachMessage.getStyleClass().setAll("label", "field-error");
                        attachMessage.setText(String.valueOf(cause.getMessage()));
                        return;
                      }
                      keyField.clear();
                      attachMessage.setText(attachedText(project));
                      poller.pollSoon();
                    }));
  }

  private String attachedText(ProjectSettings project) {
    if (project.accountKey() == null) {
      return MessageFormat.format(
          messages.getString("projects.attachedAnonymously"), project.coordinatorUrl());
    }
    return MessageFormat.format(
        messages.getString("projects.attached"),
        project.coordinatorUrl(),
        project.accountName() == null ? "" : project.accountName());
  }

  /** Off the FX thread: the project to attach, with a new account if no key was given. */
  private ProjectSettings project(String url, String key) {
    if (!key.isEmpty()) {
      try {
        // the coordinator checks the key now, so that a typo shows here and not as a failed host
        return new ProjectSettings(url, key, credit.earnings(url, key).accountName(), false);
      } catch (CreditUnavailableException e) {
        return new ProjectSettings(url, key, null, false);
      } catch (IOException e) {
        throw new CompletionException(
            new IOException(
                MessageFormat.format(
                    messages.getString("projects.unreachable"), url, e.getMessage()),
                e));
      }
    }
    try {
      NewAccount account = credit.createAccount(url, accountName());
      return new ProjectSettings(url, account.accountKey(), account.name(), false);
    } catch (CreditUnavailableException e) {
      // an older coordinator keeps no accounts: volunteer anonymously
      return new ProjectSettings(url, null, null, false);
    } catch (IOException e) {
      throw new CompletionException(
          new IOException(
              MessageFormat.format(messages.getString("projects.unreachable"), url, e.getMessage()),
              e));
    }
  }

  private static String accountName() {
    String user = System.getProperty("user.name", "volunteer");
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      host = "desktop";
    }
    String name = user + "@" + host;
    return name.length() > 100 ? name.substring(0, 100) : name;
  }

  /** Why {@code url} is no coordinator address, or null if it is one. */
  String urlProblem(String url) {
    try {
      URI uri = new URI(url);
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null) {
        return null;
      }
    } catch (URISyntaxException e) {
      // falls through
    }
    return MessageFormat.format(messages.getString("projects.badUrl"), url);
  }

  private void show(VolunteerSnapshot snapshot) {
    List<ProjectSettings> projects = new ArrayList<>();
    for (ProjectStatus p : snapshot.projects()) {
      projects.add(p.settings());
    }
    boolean none = snapshot.projects().isEmpty();
    welcomeBox.setVisible(none);
    welcomeBox.setManaged(none);
    noProjectsLabel.setVisible(none);
    noProjectsLabel.setManaged(none);
    if (!projects.equals(shownProjects)) {
      // rebuilt only when the projects change, so that a click is never lost to a refresh
      shownProjects = projects;
      projectsBox.getChildren().clear();
      for (ProjectStatus p : snapshot.projects()) {
        projectsBox.getChildren().add(row(p));
      }
    }
    for (int i = 0; i < snapshot.projects().size(); i++) {
      ProjectStatus p = snapshot.projects().get(i);
      VBox card = (VBox) projectsBox.getChildren().get(i);
      Label state = (Label) card.lookup(".project-state");
      state.setText(
          messages.getString("projectState." + p.state())
              + (p.reason().isEmpty() ? "" : " · " + p.reason()));
    }
  }

  private VBox row(ProjectStatus p) {
    String url = p.settings().coordinatorUrl();
    Label name = new Label(url);
    name.getStyleClass().add("unit-name");
    Label account =
        new Label(
            p.settings().accountKey() == null
                ? messages.getString("projects.anonymous")
                : MessageFormat.format(
                    messages.getString("projects.account"),
                    p.settings().accountName() == null ? "" : p.settings().accountName()));
    account.getStyleClass().add("muted");
    Label state = new Label();
    state.getStyleClass().addAll("muted", "project-state");
    state.setWrapText(true);
    CheckBox noNewWork = new CheckBox(messages.getString("projects.noNewWork"));
    noNewWork.getStyleClass().add("no-new-work");
    noNewWork.setSelected(p.settings().noNewWork());
    noNewWork.setOnAction(
        e -> {
          noNewWork.setDisable(true);
          service
              .noNewWork(url, noNewWork.isSelected())
              .whenComplete(
                  (done, error) -> {
                    poller.pollSoon();
                    Platform.runLater(() -> noNewWork.setDisable(false));
                  });
        });
    Button detach = new Button(messages.getString("projects.detach"));
    detach.getStyleClass().add("detach");
    detach.setOnAction(
        e -> {
          detach.setDisable(true);
          service.detach(url).whenComplete((done, error) -> poller.pollSoon());
        });
    VBox text = new VBox(2, name, account, state);
    HBox.setHgrow(text, Priority.ALWAYS);
    HBox line = new HBox(12, text, noNewWork, detach);
    line.setAlignment(Pos.CENTER_LEFT);
    VBox card = new VBox(line);
    card.getStyleClass().addAll("card", "project-card");
    return card;
  }
}
