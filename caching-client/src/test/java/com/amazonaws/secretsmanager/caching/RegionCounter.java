package com.amazonaws.secretsmanager.caching;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/** Counts the requests one client sends (each attempt), per operation: one counter per region's client. */
final class RegionCounter implements ExecutionInterceptor {

    private final ConcurrentHashMap<String, AtomicLong> requests = new ConcurrentHashMap<>();

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        requests.computeIfAbsent(operation, o -> new AtomicLong()).incrementAndGet();
    }

    long count(String operation) {
        AtomicLong count = requests.get(operation);
        return count == null ? 0 : count.get();
    }

    long total() {
        long total = 0;
        for (AtomicLong count : requests.values()) {
            total += count.get();
        }
        return total;
    }

    void reset() {
        requests.clear();
    }
}
