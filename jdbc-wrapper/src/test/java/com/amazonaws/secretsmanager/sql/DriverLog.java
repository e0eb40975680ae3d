package com.amazonaws.secretsmanager.sql;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** What the drivers log (logger {@code com.amazonaws.secretsmanager.sql}) while it is open. */
final class DriverLog implements AutoCloseable {

    private final Logger logger = (Logger) LoggerFactory.getLogger("com.amazonaws.secretsmanager.sql");
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private DriverLog() {
        appender.start();
        logger.addAppender(appender);
    }

    static DriverLog capture() {
        return new DriverLog();
    }

    List<ILoggingEvent> events() {
        return appender.list;
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
    }
}
