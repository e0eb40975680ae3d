package com.amazonaws.secretsmanager.caching;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.BatchGetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.BatchGetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretRequest;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;

/**
 * A client that hands every call to the real SDK client (so to the emulator, over HTTP) and can hold chosen calls at
 * a {@link Gate}: before the request is sent, or after its answer came back. Lets a test put the cache in exactly
 * the interleaving it wants, with no sleeps.
 */
final class GatedClient implements SecretsManagerClient {

    enum When {
        /** Hold the call before sending it. An interrupt lets it through with the interrupt still set. */
        BEFORE_REQUEST,
        /** Send the call, hold its answer. */
        AFTER_RESPONSE,
        /** Do not hold; only count the call as {@linkplain Gate#awaitHeld entered}. */
        NEVER
    }

    private final SecretsManagerClient delegate;
    private final List<Gate> gates = new CopyOnWriteArrayList<>();

    GatedClient(SecretsManagerClient delegate) {
        this.delegate = delegate;
    }

    /** Holds the next {@code times} calls of {@code operation} for any of {@code secretIds}. */
    Gate hold(String operation, Collection<String> secretIds, When when, int times) {
        Gate gate = new Gate(operation, new HashSet<>(secretIds), when, times);
        gates.add(gate);
        return gate;
    }

    Gate hold(String operation, String secretId, When when, int times) {
        return hold(operation, Set.of(secretId), when, times);
    }

    @Override
    public DescribeSecretResponse describeSecret(DescribeSecretRequest request) {
        return pass("DescribeSecret", request.secretId(), () -> delegate.describeSecret(request));
    }

    @Override
    public GetSecretValueResponse getSecretValue(GetSecretValueRequest request) {
        return pass("GetSecretValue", request.secretId(), () -> delegate.getSecretValue(request));
    }

    @Override
    public BatchGetSecretValueResponse batchGetSecretValue(BatchGetSecretValueRequest request) {
        return pass("BatchGetSecretValue", String.join(",", request.secretIdList()),
                () -> delegate.batchGetSecretValue(request));
    }

    @Override
    public String serviceName() {
        return delegate.serviceName();
    }

    /** The delegate is shared by the test class and closed by it. */
    @Override
    public void close() {
    }

    private <T> T pass(String operation, String secretId, Supplier<T> call) {
        Gate gate = null;
        for (Gate candidate : gates) {
            if (candidate.claim(operation, secretId)) {
                gate = candidate;
                break;
            }
        }
        if (gate == null) {
            return call.get();
        }
        if (gate.when == When.BEFORE_REQUEST) {
            gate.hold();
            return call.get();
        }
        if (gate.when == When.NEVER) {
            gate.held.release();
            return call.get();
        }
        T answer = call.get();
        gate.hold();
        return answer;
    }

    /** Where chosen calls wait until the test releases them. */
    static final class Gate {
        private final String operation;
        private final Set<String> secretIds;
        final When when;
        private final AtomicInteger remaining;
        private final Semaphore held = new Semaphore(0);
        private final CountDownLatch release = new CountDownLatch(1);

        Gate(String operation, Set<String> secretIds, When when, int times) {
            this.operation = operation;
            this.secretIds = secretIds;
            this.when = when;
            this.remaining = new AtomicInteger(times);
        }

        boolean claim(String calledOperation, String secretId) {
            if (!operation.equals(calledOperation) || !secretIds.contains(secretId)) {
                return false;
            }
            for (;;) {
                int left = remaining.get();
                if (left == 0) {
                    return false;
                }
                if (remaining.compareAndSet(left, left - 1)) {
                    return true;
                }
            }
        }

        private void hold() {
            held.release();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();     // go on: the real SDK call sees the interrupt
            }
        }

        /** Waits until {@code calls} calls reached this gate (they are held there unless it is {@link When#NEVER}). */
        void awaitHeld(int calls) throws InterruptedException {
            if (!held.tryAcquire(calls, 10, TimeUnit.SECONDS)) {
                throw new AssertionError("only " + held.availablePermits() + " of " + calls + " calls reached the "
                        + operation + " gate");
            }
            held.release(calls);
        }

        void release() {
            release.countDown();
        }
    }
}
