package dev.smkit.pools.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.read.ListAppender;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Every logger at TRACE into a list while {@link #open}; the console appender is detached meanwhile (TRACE output of
 * the SDK and the pools is huge). Closing restores levels and appenders. {@link #texts()} is everything captured:
 * formatted messages, and class, message and frames of every throwable in the cause chain.
 */
public final class LogCapture implements AutoCloseable {

    /** Off while the test administers the database itself (ALTER USER ... is not the subject). */
    public volatile boolean open = true;

    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final Map<Logger, Level> levels = new HashMap<>();
    private final List<Appender<ILoggingEvent>> detached = new ArrayList<>();
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>() {
        @Override
        protected void append(ILoggingEvent event) {
            if (open) {
                super.append(event);
            }
        }
    };

    public LogCapture() {
        LoggerContext context = root.getLoggerContext();
        for (Logger logger : context.getLoggerList()) {
            if (logger.getLevel() != null) {
                levels.put(logger, logger.getLevel());
                // The embedded database servers' own chatter is not the subject, and is not ours to keep quiet.
                boolean databaseFixture = logger.getName().startsWith("io.zonky") || logger.getName().startsWith("ch.vorburger");
                logger.setLevel(databaseFixture ? logger.getLevel() : Level.TRACE);
            }
        }
        root.setLevel(Level.TRACE);
        root.iteratorForAppenders().forEachRemaining(detached::add);
        detached.forEach(root::detachAppender);
        appender.start();
        root.addAppender(appender);
    }

    public List<ILoggingEvent> events() {
        return new ArrayList<>(appender.list);
    }

    public List<String> texts() {
        List<String> texts = new ArrayList<>();
        for (ILoggingEvent event : events()) {
            texts.add(event.getFormattedMessage());
            for (IThrowableProxy proxy = event.getThrowableProxy(); proxy != null; proxy = proxy.getCause()) {
                texts.add(proxy.getClassName() + ": " + proxy.getMessage());
                for (StackTraceElementProxy frame : proxy.getStackTraceElementProxyArray()) {
                    texts.add(frame.getSTEAsString());
                }
            }
        }
        return texts;
    }

    /** A throwable as a user would see it printed: messages of the whole chain, suppressed ones, frames. */
    public static String printed(Throwable failure) {
        StringWriter text = new StringWriter();
        failure.printStackTrace(new PrintWriter(text));
        return text.toString();
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        detached.forEach(root::addAppender);
        levels.forEach(Logger::setLevel);
    }
}
