package dev.smkit.micrometer;

import java.util.function.Supplier;

import dev.smkit.jdbc.LoginRetryStats;
import dev.smkit.jdbc.SecretsManagerJdbc;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Meters over the JDBC wrapper drivers' login counters ({@link SecretsManagerJdbc#loginRetryStats()}), which cover
 * the whole process: every driver and every secret.
 *
 * <ul>
 *   <li>{@code smkit.jdbc.logins} (counter): logins the drivers made with a secret's credentials;</li>
 *   <li>{@code smkit.jdbc.login.retries} (counter, tag {@code reason}: {@code new-current}, {@code pending},
 *       {@code backoff} or {@code secrets-manager-unavailable}, see {@link LoginRetryStats}): how connects went on
 *       after the database rejected the credentials;</li>
 *   <li>{@code smkit.jdbc.login.rejected} (counter): connects that gave up with the credentials still rejected once
 *       the retry budget was spent.</li>
 * </ul>
 *
 * <p>No meter carries a secret ID. This class needs {@code smkit-jdbc}, an optional dependency of this module:
 * without it on the class path, do not load this class (check for {@code dev.smkit.jdbc.SecretsManagerJdbc} first).
 */
public final class LoginRetryMetrics implements MeterBinder {

    /** The counters are static: the meters read them through an object that lives as long as this class. */
    private static final Supplier<LoginRetryStats> STATS = SecretsManagerJdbc::loginRetryStats;

    private final Tags tags;

    public LoginRetryMetrics() {
        this(Tags.empty());
    }

    /** @param tags more tags for every meter; null for none */
    public LoginRetryMetrics(Iterable<Tag> tags) {
        this.tags = Tags.of(tags);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        FunctionCounter.builder("smkit.jdbc.logins", STATS, s -> s.get().attempts()).tags(tags)
                .description("Logins the JDBC drivers made with a secret's credentials").register(registry);
        for (String reason : STATS.get().retries().keySet()) {
            FunctionCounter.builder("smkit.jdbc.login.retries", STATS, s -> s.get().retriesFor(reason)).tags(tags)
                    .tag("reason", reason).description("Retries after the database rejected a secret's credentials")
                    .register(registry);
        }
        FunctionCounter.builder("smkit.jdbc.login.rejected", STATS, s -> s.get().rejectedAfterBudget()).tags(tags)
                .description("Connects that gave up, credentials still rejected, once the retry budget was spent")
                .register(registry);
    }
}
