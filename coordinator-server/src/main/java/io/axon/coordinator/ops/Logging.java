package io.axon.coordinator.ops;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import io.axon.coordinator.CoordinatorConfig.LogFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Switches the coordinator's log between plain text lines and JSON lines (logback's {@link
 * JsonEncoder}: one object per event with timestamp, level, logger, thread, message pattern,
 * arguments, formatted message, MDC and throwable). Logback reads logback.xml before any
 * configuration is known, so the format is applied afterwards, by replacing the encoder of the
 * {@code STDERR} appender.
 */
public final class Logging {
  static final String APPENDER = "STDERR";
  static final String TEXT_PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{0} - %msg%n";

  private Logging() {}

  /** Writes every later log event in {@code format}; process-wide. */
  public static synchronized void use(LogFormat format) {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return; // another SLF4J backend: its own configuration decides
    }
    ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    if (!(root.getAppender(APPENDER) instanceof ConsoleAppender<ILoggingEvent> console)) {
      return; // a logback.xml of the operator's own (-Dlogback.configurationFile)
    }
    Encoder<ILoggingEvent> encoder;
    if (format == LogFormat.JSON) {
      JsonEncoder json = new JsonEncoder();
      json.setContext(context);
      // the message as people read it; "message" keeps the pattern, which groups alike events
      json.setWithFormattedMessage(true);
      json.setWithContext(false);
      encoder = json;
    } else {
      PatternLayoutEncoder text = new PatternLayoutEncoder();
      text.setContext(context);
      text.setPattern(TEXT_PATTERN);
      encoder = text;
    }
    encoder.start();
    console.stop();
    console.setEncoder(encoder);
    console.start();
  }
}
