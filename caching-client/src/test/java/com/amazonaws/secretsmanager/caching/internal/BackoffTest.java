package com.amazonaws.secretsmanager.caching.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class BackoffTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    @Test
    void retryCeilingGrowsByTheFactorUpToTheCap() {
        Backoff backoff = new Backoff(3_600_000, 1000, 2, 128_000, null);

        long[] ceilings = new long[10];
        for (int failures = 1; failures <= 10; failures++) {
            ceilings[failures - 1] = backoff.retryCeiling(failures);
        }

        assertThat(ceilings).containsExactly(SECOND, 2 * SECOND, 4 * SECOND, 8 * SECOND, 16 * SECOND, 32 * SECOND,
                64 * SECOND, 128 * SECOND, 128 * SECOND, 128 * SECOND);
        assertThat(backoff.retryCeiling(Integer.MAX_VALUE)).as("no overflow").isEqualTo(128 * SECOND);
    }

    @Test
    void jitteredDelaysStayWithinHalfToFull() {
        Backoff backoff = new Backoff(60_000, 1000, 2, 128_000, new Random(3));
        for (int i = 0; i < 10_000; i++) {
            assertThat(backoff.nextTtl()).isBetween(30 * SECOND, 60 * SECOND);
            int failures = 1 + i % 12;
            long ceiling = backoff.retryCeiling(failures);
            assertThat(backoff.nextRetry(failures)).isBetween(ceiling / 2, ceiling);
        }
    }
}
