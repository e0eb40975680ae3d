package com.amazonaws.secretsmanager.caching;

import java.util.ArrayList;
import java.util.List;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Registered for every SDK client of the test JVM (test resource {@code software/amazon/awssdk/global/handlers/
 * execution.interceptors}), so that a test can see the requests of clients the cache builds itself: which HTTP client
 * sent them is in the SDK's user agent ({@code md/http#<client name>}). Records only while a test has
 * {@linkplain #start() started} recording.
 */
public final class RecordedRequests implements ExecutionInterceptor {

    private static final List<String> USER_AGENTS = new ArrayList<>();
    private static boolean recording;

    /** Forgets what was recorded and records from now on. */
    static synchronized void start() {
        USER_AGENTS.clear();
        recording = true;
    }

    /** Stops recording and returns the user agents of the requests sent since {@link #start()}. */
    static synchronized List<String> stop() {
        recording = false;
        return new ArrayList<>(USER_AGENTS);
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes executionAttributes) {
        synchronized (RecordedRequests.class) {
            if (recording) {
                USER_AGENTS.add(context.httpRequest().firstMatchingHeader("User-Agent").orElse(""));
            }
        }
    }
}
