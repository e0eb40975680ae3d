package com.amazonaws.secretsmanager.caching.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class RefreshThreadsTest {

    @Test
    void thePoolStartsNoThreadUntilItHasWorkAndLetsIdleThreadsEnd() {
        ThreadPoolExecutor pool = (ThreadPoolExecutor) Refresher.newBackgroundExecutor();
        try {
            assertThat(pool.getPoolSize()).isZero();
            assertThat(pool.allowsCoreThreadTimeOut()).isTrue();
            assertThat(pool.getKeepAliveTime(TimeUnit.SECONDS)).isPositive();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aRefreshThreadIsANamedDaemonWithTheLibrarysLoaderWhoeverCreatesIt() throws Exception {
        ClassLoader application = new URLClassLoader(new URL[0], null);
        Thread creator = Thread.currentThread();
        ClassLoader saved = creator.getContextClassLoader();
        Thread thread;
        creator.setContextClassLoader(application);
        try {
            thread = new Refresher.RefreshThreadFactory().newThread(() -> { });
        } finally {
            creator.setContextClassLoader(saved);
        }
        assertThat(thread.getName()).startsWith("smkit-secret-cache-refresh-");
        assertThat(thread.isDaemon()).isTrue();
        assertThat(thread.getContextClassLoader()).isSameAs(Refresher.class.getClassLoader())
                .isNotSameAs(application);
    }
}
