package dev.smkit.reliability.support;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Sees every log event of the test JVM (root logger at TRACE, see logback-test.xml) and remembers those whose
 * formatted message, arguments, MDC or exception text hold a canary. Events are scanned as they arrive instead of
 * being kept, so a whole suite at TRACE costs no memory.
 */
public final class CanaryAppender extends AppenderBase<ILoggingEvent> {

    private static final int MAX_KEPT = 20;
    private static final Pattern ADMIN_STATEMENT = Pattern.compile("(?i)\\b(ALTER|CREATE)\\s+(ROLE|USER)\\b");
    private static final AtomicLong EVENTS = new AtomicLong();
    private static final List<String> LEAKS = new ArrayList<>();

    @Override
    protected void append(ILoggingEvent event) {
        EVENTS.incrementAndGet();
        StringBuilder text = new StringBuilder(event.getFormattedMessage() == null ? "" : event.getFormattedMessage());
        if (event.getArgumentArray() != null) {
            for (Object argument : event.getArgumentArray()) {
                text.append(' ').append(argument);
            }
        }
        text.append(' ').append(event.getMDCPropertyMap());
        for (IThrowableProxy proxy = event.getThrowableProxy(); proxy != null; proxy = proxy.getCause()) {
            text.append(' ').append(ThrowableProxyUtil.asString(proxy));
            for (IThrowableProxy suppressed : proxy.getSuppressed()) {
                text.append(' ').append(ThrowableProxyUtil.asString(suppressed));
            }
            for (StackTraceElementProxy frame : proxy.getStackTraceElementProxyArray()) {
                text.append(' ').append(frame.getSTEAsString());
            }
        }
        if (text.indexOf(Canary.PREFIX) >= 0 && !isFixtureAdminStatement(event)) {
            synchronized (LEAKS) {
                if (LEAKS.size() < MAX_KEPT) {
                    LEAKS.add(event.getLevel() + " " + event.getLoggerName() + " [" + event.getThreadName() + "]: "
                            + abbreviate(text.toString()));
                }
            }
        }
    }

    /**
     * The database fixtures set passwords with SQL (ALTER ROLE ... PASSWORD, CREATE USER ... IDENTIFIED BY), and the
     * JDBC drivers' protocol tracing logs every statement at TRACE (pgjdbc as text, MariaDB Connector/J as a hex dump
     * whose text column splits words across lines). That is the test's admin channel, not a path smkit code takes
     * (smkit never puts credentials into SQL); RELIABILITY.md warns rotation-function authors about it.
     */
    private static boolean isFixtureAdminStatement(ILoggingEvent event) {
        String message = event.getFormattedMessage();
        String logger = event.getLoggerName();
        return event.getLevel().toInt() <= ch.qos.logback.classic.Level.DEBUG_INT && message != null
                && (logger.startsWith("org.postgresql.") || logger.startsWith("org.mariadb.jdbc."))
                && ADMIN_STATEMENT.matcher(message).find();
    }

    private static String abbreviate(String text) {
        return text.length() > 600 ? text.substring(0, 600) + "..." : text;
    }

    /** How many events were scanned so far (proves the capture is on). */
    public static long events() {
        return EVENTS.get();
    }

    /** The events that held a canary (at most 20). */
    public static List<String> leaks() {
        synchronized (LEAKS) {
            return new ArrayList<>(LEAKS);
        }
    }
}
