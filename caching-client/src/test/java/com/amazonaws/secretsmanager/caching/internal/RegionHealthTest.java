package com.amazonaws.secretsmanager.caching.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.amazonaws.secretsmanager.caching.internal.RegionHealth.Use;

class RegionHealthTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    /** Every delay its full ceiling: 1 s, then 2 s, then 4 s. */
    private static final Random FULL = new Random() {
        @Override
        public double nextDouble() {
            return Math.nextDown(1.0);
        }
    };

    private final RegionHealth health = new RegionHealth("us-east-1", new Backoff(0, 1000, 2, 4000, FULL));

    @Test
    void oneProbePerBackoffPeriodAndOneSuccessfulProbeBringsItBack() {
        long t = -5 * SECOND;      // clock readings may be negative
        assertThat(health.use(t)).isEqualTo(Use.CALL);
        assertThat(health.failed(Use.CALL, t, t)).isEqualTo(SECOND);
        assertThat(health.failed(Use.CALL, t, t + 1)).as("an older call: no second failover").isEqualTo(-1);
        assertThat(health.use(t + SECOND - 1)).isEqualTo(Use.SKIP);
        assertThat(health.use(t + SECOND)).isEqualTo(Use.PROBE);
        assertThat(health.use(t + SECOND)).as("one probe at a time").isEqualTo(Use.SKIP);
        assertThat(health.failed(Use.PROBE, t + SECOND, t + SECOND)).isEqualTo(-1);
        assertThat(health.use(t + 3 * SECOND - 1)).as("the next period is twice as long").isEqualTo(Use.SKIP);
        assertThat(health.use(t + 3 * SECOND)).isEqualTo(Use.PROBE);
        assertThat(health.answered(Use.CALL, t + 3 * SECOND)).as("only the probe ends it").isFalse();
        assertThat(health.isDown()).isTrue();
        assertThat(health.answered(Use.PROBE, t + 3 * SECOND)).isTrue();
        assertThat(health.isDown()).isFalse();
        assertThat(health.downMillis(t + 10 * SECOND)).isEqualTo(3000);

        assertThat(health.failed(Use.CALL, t + 2 * SECOND, t + 4 * SECOND)).as("started before the return")
                .isEqualTo(-1);
        assertThat(health.isDown()).isFalse();
        assertThat(health.failed(Use.CALL, t + 5 * SECOND, t + 5 * SECOND)).as("a new outage, from 1 s again")
                .isEqualTo(SECOND);
        assertThat(health.failed.sum()).isEqualTo(5);
    }

    @Test
    void anAbandonedProbeLetsTheNextCallerProbe() {
        health.failed(Use.CALL, 0, 0);
        assertThat(health.use(SECOND)).isEqualTo(Use.PROBE);
        health.abandoned(Use.PROBE);
        assertThat(health.use(SECOND)).isEqualTo(Use.PROBE);
    }
}
