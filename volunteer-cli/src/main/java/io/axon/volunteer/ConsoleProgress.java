package io.axon.volunteer;

import io.axon.core.engine.EngineListener;
import io.axon.core.engine.WorkSummary;
import io.axon.core.protocol.WorkAssignment;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import javax.inject.Inject;

/**
 * Prints what the engine does, one line per event worth a person's attention: registration, each
 * finished work unit, the start of an idle spell, and errors (a repeated error only once).
 */
final class ConsoleProgress implements EngineListener {
  private final PrintStream out;
  private boolean idle;
  private String lastError;

  @Inject
  ConsoleProgress(PrintStream out) {
    this.out = out;
  }

  @Override
  public synchronized void registered(long hostId, String coordinatorUrl, boolean newly) {
    if (newly) {
      out.println("registered with " + coordinatorUrl + " as host " + hostId);
    } else {
      out.println("host " + hostId + " at " + coordinatorUrl + " (saved identity)");
    }
    lastError = null;
  }

  @Override
  public synchronized void workStarted(WorkAssignment unit) {
    idle = false;
    lastError = null;
  }

  @Override
  public synchronized void workFinished(WorkAssignment unit, WorkSummary summary) {
    out.println(
        String.format(
            Locale.ROOT,
            "unit %d job %s round %d: %d rows x %d %s in %.2f s, loss %.4f, %s",
            unit.workUnitId(),
            unit.jobName(),
            unit.round(),
            summary.rows(),
            summary.epochs(),
            summary.epochs() == 1 ? "epoch" : "epochs",
            summary.elapsed().toMillis() / 1000.0,
            summary.loss(),
            outcome(summary.upload())));
  }

  @Override
  public synchronized void savedResultUploaded(long workUnitId, boolean accepted) {
    out.println(
        "unit "
            + workUnitId
            + ": saved result "
            + (accepted ? "uploaded" : "rejected by the coordinator, dropped"));
    lastError = null;
  }

  @Override
  public synchronized void idle(Duration retryAfter) {
    if (!idle) {
      out.println("no work available, asking again every " + retryAfter.getSeconds() + " s");
      idle = true;
    }
    lastError = null;
  }

  /** Errors the engine retries; a fatal one ends the run and {@link VolunteerMain} prints it. */
  @Override
  public synchronized void error(Throwable error, boolean willRetry) {
    String message = describe(error);
    if (willRetry && !message.equals(lastError)) {
      out.println("error: " + message + " (retrying)");
    }
    lastError = message;
    idle = false;
  }

  private static String outcome(WorkSummary.Upload upload) {
    switch (upload) {
      case ACCEPTED:
        return "uploaded";
      case REJECTED:
        return "rejected by the coordinator, dropped";
      default:
        return "upload failed, kept to send later";
    }
  }

  static String describe(Throwable error) {
    String message = error.getMessage();
    String type = error.getClass().getSimpleName();
    if (error instanceof java.net.ConnectException) {
      return "coordinator unreachable (" + message + ")";
    }
    return message == null || message.isEmpty() ? type : message;
  }
}
