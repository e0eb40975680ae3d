package dev.smkit.spring.boot.config;

import dev.smkit.spring.boot.config.internal.ImportedSecretsCheck;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;

/**
 * Keeps secrets imported with {@code spring.config.import=smkit:...} current without a context refresh. Every
 * {@code smkit.config.check-interval} (and on {@link #checkNow()}) it reads each imported secret through the shared
 * cache, so the cache's TTL decides when Secrets Manager is asked. When a secret's version moved, its property
 * source's contents are replaced, every JavaBean-style {@code @ConfigurationProperties} bean whose prefix covers a
 * changed property is rebound in place (constructor-bound ones and records cannot be and keep their values), and a {@link SecretPropertiesChangedEvent}
 * is published.
 *
 * <p>The periodic check runs on one daemon thread, {@code smkit-config-check}, from context start to context stop.
 */
public final class SmkitConfigImportRefresher implements SmartLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(SmkitConfigImportRefresher.class);

    private final Duration checkInterval;
    private final ImportedSecretsCheck check;
    private ScheduledExecutorService scheduler;

    public SmkitConfigImportRefresher(ConfigurableApplicationContext context, Duration checkInterval) {
        this.checkInterval = checkInterval == null ? Duration.ZERO : checkInterval;
        this.check = new ImportedSecretsCheck(context, this);
    }

    /**
     * Checks every imported secret now (through the cache: within its TTL nothing is asked of Secrets Manager; call
     * {@code SecretCache.refreshNow} first to force a call) and returns the events published, one per changed
     * secret. A secret that cannot be read keeps its properties; that is logged, not thrown.
     */
    public List<SecretPropertiesChangedEvent> checkNow() {
        return check.run();
    }

    @Override
    public synchronized void start() {
        if (scheduler != null || checkInterval.isNegative() || checkInterval.isZero() || !check.hasImports()) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "smkit-config-check");
            thread.setDaemon(true);
            return thread;
        });
        long millis = checkInterval.toMillis();
        scheduler.scheduleWithFixedDelay(this::checkInBackground, millis, millis, TimeUnit.MILLISECONDS);
    }

    private void checkInBackground() {
        try {
            check.run();
        } catch (RuntimeException e) {
            // A failed check must not end the schedule; the next one tries again.
            LOG.warn("Checking imported secrets failed: {}", e.getClass().getName());
        }
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}
