package dev.songmood.fetch;

import java.io.StringWriter;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;

/** Everything logged at INFO and above (DEBUG where a logger is set so), by every logger, while it is open (messages and stack traces). */
final class LogCapture implements AutoCloseable {
  private final StringWriter text = new StringWriter();
  private final WriterAppender appender;
  private final LoggerContext context;
  private final Level rootLevel;

  LogCapture() {
    context = (LoggerContext) LogManager.getContext(false);
    Configuration config = context.getConfiguration();
    appender = WriterAppender.newBuilder().setName("capture-" + System.nanoTime()).setTarget(text)
        .setLayout(PatternLayout.newBuilder().withPattern("%c %m%n%throwable").build()).build();
    appender.start();
    config.addAppender(appender);
    for (LoggerConfig logger : config.getLoggers().values()) {
      logger.addAppender(appender, Level.DEBUG, null);
    }
    config.getRootLogger().addAppender(appender, Level.DEBUG, null);
    rootLevel = config.getRootLogger().getLevel();
    config.getRootLogger().setLevel(Level.INFO);
    context.updateLoggers();
  }

  String text() {
    return text.toString();
  }

  @Override
  public void close() {
    Configuration config = context.getConfiguration();
    for (LoggerConfig logger : config.getLoggers().values()) {
      logger.removeAppender(appender.getName());
    }
    config.getRootLogger().removeAppender(appender.getName());
    config.getRootLogger().setLevel(rootLevel);
    context.updateLoggers();
    appender.stop();
  }
}
