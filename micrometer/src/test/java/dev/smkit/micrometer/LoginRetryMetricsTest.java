package dev.smkit.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.amazonaws.secretsmanager.sql.internal.LoginRetryCounters;

import dev.smkit.jdbc.LoginRetryStats;
import dev.smkit.jdbc.SecretsManagerJdbc;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The meters mirror {@link SecretsManagerJdbc#loginRetryStats()}, driven through the drivers' counters directly. */
class LoginRetryMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void theMetersMirrorTheDriversLoginCounters() {
        new LoginRetryMetrics(Tags.of("app", "shop")).bindTo(registry);
        LoginRetryStats before = SecretsManagerJdbc.loginRetryStats();

        for (int i = 0; i < 3; i++) {
            LoginRetryCounters.attempt();
        }
        LoginRetryCounters.retry(LoginRetryStats.BACKOFF);
        LoginRetryCounters.retry(LoginRetryStats.BACKOFF);
        LoginRetryCounters.retry(LoginRetryStats.SECRETS_MANAGER_UNAVAILABLE);
        LoginRetryCounters.rejectedAfterBudget();

        LoginRetryStats after = SecretsManagerJdbc.loginRetryStats();
        assertThat(after.attempts() - before.attempts()).isEqualTo(3);
        assertThat(registry.get("smkit.jdbc.logins").functionCounter().count()).isEqualTo(after.attempts());
        assertThat(registry.get("smkit.jdbc.login.rejected").functionCounter().count())
                .isEqualTo(after.rejectedAfterBudget()).isEqualTo(before.rejectedAfterBudget() + 1);
        assertThat(after.retries()).hasSize(4);
        for (String reason : after.retries().keySet()) {
            assertThat(registry.get("smkit.jdbc.login.retries").tag("reason", reason).functionCounter().count())
                    .as(reason).isEqualTo(after.retriesFor(reason));
        }
        assertThat(after.retriesFor(LoginRetryStats.BACKOFF) - before.retriesFor(LoginRetryStats.BACKOFF))
                .isEqualTo(2);
        assertThat(registry.getMeters()).hasSize(6)
                .allSatisfy(meter -> assertThat(meter.getId().getTag("app")).isEqualTo("shop"));
    }

    @Test
    void theMetersOfABinderNobodyKeepsStillRead() {
        new LoginRetryMetrics().bindTo(registry);
        System.gc();
        LoginRetryCounters.attempt();

        FunctionCounter logins = registry.get("smkit.jdbc.logins").functionCounter();
        assertThat(logins.count()).isEqualTo(SecretsManagerJdbc.loginRetryStats().attempts()).isPositive();
        assertThat(logins.getId().getTags()).isEmpty();
    }
}
