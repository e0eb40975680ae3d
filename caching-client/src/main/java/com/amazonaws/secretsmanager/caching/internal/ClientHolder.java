package com.amazonaws.secretsmanager.caching.internal;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;

import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The Secrets Manager client of a cache: one the application passed in (used as is, never closed), or one the cache
 * built (closed by {@link #close()}, built again by the next call after that).
 *
 * <p>Closing an owned client never fails a call in flight: each call holds a lease on the client it uses, and the
 * client is closed when {@link #close()} has retired it and its last lease is returned.
 */
public abstract class ClientHolder {

    /** A client the application owns: never closed here. */
    public static ClientHolder borrowed(SecretsManagerClient client) {
        return new Borrowed(client);
    }

    /** A client the cache owns: {@code first}, and after each {@link #close()} a new one from {@code factory}. */
    public static ClientHolder owned(SecretsManagerClient first, Supplier<SecretsManagerClient> factory) {
        return new Owned(first, factory);
    }

    /** Runs {@code call} with the current client (an owned one is built first if {@link #close()} retired it). */
    public abstract <T> T call(Function<SecretsManagerClient, T> call);

    /** Owned: retires the current client, closed once no call uses it any more. Borrowed: nothing. */
    public abstract void close();

    private static final class Borrowed extends ClientHolder {
        private final SecretsManagerClient client;

        Borrowed(SecretsManagerClient client) {
            this.client = client;
        }

        @Override
        public <T> T call(Function<SecretsManagerClient, T> call) {
            return call.apply(client);
        }

        @Override
        public void close() {
        }
    }

    private static final class Owned extends ClientHolder {
        private final Supplier<SecretsManagerClient> factory;
        private final AtomicReference<Lease> current;

        Owned(SecretsManagerClient first, Supplier<SecretsManagerClient> factory) {
            this.factory = factory;
            this.current = new AtomicReference<>(new Lease(first));
        }

        @Override
        public <T> T call(Function<SecretsManagerClient, T> call) {
            Lease lease = acquire();
            try {
                return call.apply(lease.client);
            } finally {
                lease.release();
            }
        }

        private Lease acquire() {
            for (;;) {
                Lease lease = current.get();
                if (lease == null) {
                    lease = rebuild();
                }
                if (lease.acquire()) {
                    return lease;
                }
                // retired between the read and the acquire: look again
            }
        }

        private synchronized Lease rebuild() {
            Lease lease = current.get();
            if (lease == null) {
                lease = new Lease(factory.get());
                current.set(lease);
            }
            return lease;
        }

        @Override
        public void close() {
            Lease retired = current.getAndSet(null);
            if (retired != null) {
                retired.release();     // the holder's own reference
            }
        }
    }

    /** A client and how many references to it are held: the holder's (until retired) and one per call in flight. */
    private static final class Lease {
        final SecretsManagerClient client;
        private final AtomicInteger references = new AtomicInteger(1);

        Lease(SecretsManagerClient client) {
            this.client = client;
        }

        boolean acquire() {
            for (;;) {
                int held = references.get();
                if (held == 0) {
                    return false;
                }
                if (references.compareAndSet(held, held + 1)) {
                    return true;
                }
            }
        }

        void release() {
            if (references.decrementAndGet() == 0) {
                client.close();
            }
        }
    }
}
