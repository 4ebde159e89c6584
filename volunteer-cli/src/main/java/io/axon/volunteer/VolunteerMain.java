package io.axon.volunteer;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Clock;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * Entry point of {@code ./axon volunteer}. Exit codes: 0 done or stopped, 1 failed, 2 usage; {@code
 * status} also 3 for a volunteer that is not running.
 */
public final class VolunteerMain {
  static final int FAILED = 1;
  static final int USAGE = 2;

  private VolunteerMain() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Parses {@code args} and runs the volunteer; returns the exit code. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    return run(args, out, err, Clock.systemUTC());
  }

  /**
   * As {@link #run(String[], PrintStream, PrintStream)}, judging the status's age by {@code clock}.
   */
  static int run(String[] args, PrintStream out, PrintStream err, Clock clock) {
    CommandLine cli = new CommandLine(new VolunteerCommand(out));
    cli.addSubcommand(new StatusCommand(out, err, clock));
    cli.addSubcommand(new PrefsCommand(out, err));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    cli.setParameterExceptionHandler(VolunteerMain::usageError);
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          commandLine.getErr().println("axon volunteer: " + ConsoleProgress.describe(e));
          return FAILED;
        });
    return cli.execute(args);
  }

  private static int usageError(ParameterException e, String[] args) {
    PrintWriter err = e.getCommandLine().getErr();
    err.println("axon volunteer: " + e.getMessage());
    CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
    err.println(
        "Try '"
            + e.getCommandLine().getCommandSpec().qualifiedName()
            + " --help' for the options.");
    return USAGE;
  }
}
