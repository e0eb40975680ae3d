package com.amazonaws.secretsmanager.sql;

import java.util.concurrent.atomic.AtomicBoolean;

/** A class with a static initializer that must never run when it is configured as a real driver. */
public final class NotADriver {

    /** Set by the initializer; a separate class so that reading it does not initialize {@link NotADriver}. */
    static final class Initialized {
        static final AtomicBoolean FLAG = new AtomicBoolean();

        private Initialized() {
        }
    }

    static {
        Initialized.FLAG.set(true);
    }

    private NotADriver() {
    }
}
