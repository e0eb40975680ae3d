package com.amazonaws.secretsmanager.caching.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.amazonaws.secretsmanager.caching.SecretCache;
import com.amazonaws.secretsmanager.caching.Ticker;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.ReplicationStatusType;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.StatusType;

/**
 * Which region a Secrets Manager call goes to. Without failover regions every call goes to the primary client, as
 * it always did. With them, a call goes to the primary while it is healthy; when the primary fails as an outage does
 * ({@link #isOutage}), that call and the following ones go to the first failover region that is not down, with the
 * secret's ID translated to that region ({@link #idIn}). The primary is skipped until its backoff ends; then a single
 * call probes it, and one success brings every call back (see {@link RegionHealth}).
 *
 * <p>Logging: one WARN when the cache goes over to failover regions, one INFO when it comes back; region names and
 * error codes only.
 */
public final class RegionFailover {

    private static final Logger LOG = LoggerFactory.getLogger(SecretCache.class);

    /** One call in one region; {@code region} is null without failover, {@code replica} false on the primary. */
    public interface RegionalCall<T> {
        T apply(SecretsManagerClient client, String secretId, String region, boolean replica);
    }

    /** Receives {@link #report} lines. */
    public interface StatsSink {
        void region(String region, boolean primary, long apiCalls, long failures, long failovers,
                long timeOnReplicaMillis, boolean down);
    }

    private final ClientHolder primary;
    private final String primaryRegion;
    private final List<String> failoverRegions;
    private final boolean reportedReplicas;
    private final Function<String, ClientHolder> clientFactory;
    private final Backoff backoff;
    private final Ticker clock;
    private final ConcurrentHashMap<String, ClientHolder> clients = new ConcurrentHashMap<>();
    /** Every region used so far, the primary first, then in the order of first use. */
    private final Map<String, RegionHealth> health = Collections.synchronizedMap(new LinkedHashMap<>());
    /** Replica regions reported for any secret, in order of first report: the candidates for unknown secrets. */
    private final Set<String> reportedAnywhere = Collections.synchronizedSet(new LinkedHashSet<String>());
    /** "region code" of the refusals already logged at WARN. */
    private final Set<String> warnedRefusals = ConcurrentHashMap.newKeySet();

    private RegionFailover(ClientHolder primary, String primaryRegion, List<String> failoverRegions,
            boolean reportedReplicas, Function<String, ClientHolder> clientFactory, Backoff backoff, Ticker clock) {
        this.primary = primary;
        this.primaryRegion = primaryRegion;
        this.failoverRegions = failoverRegions;
        this.reportedReplicas = reportedReplicas;
        this.clientFactory = clientFactory;
        this.backoff = backoff;
        this.clock = clock;
        if (primaryRegion != null) {
            regionHealth(primaryRegion);
            for (String region : failoverRegions) {
                regionHealth(region);
            }
        }
    }

    /** Every call to {@code primary}: no failover. */
    public static RegionFailover none(ClientHolder primary) {
        return new RegionFailover(primary, null, Collections.<String>emptyList(), false, null, null, null);
    }

    /**
     * @param failoverRegions validated: known regions, each once, not the primary
     * @param clientFactory the client of a failover region, asked once per region on first use
     */
    public static RegionFailover of(ClientHolder primary, String primaryRegion, List<String> failoverRegions,
            boolean reportedReplicas, Function<String, ClientHolder> clientFactory, Backoff backoff, Ticker clock) {
        return new RegionFailover(primary, primaryRegion, new ArrayList<>(failoverRegions), reportedReplicas,
                clientFactory, backoff, clock);
    }

    public boolean enabled() {
        return primaryRegion != null;
    }

    /** Runs {@code call} on the primary client only (no failover): batch calls. */
    public <T> T callPrimary(Function<SecretsManagerClient, T> call) {
        return primary.call(call);
    }

    /**
     * Runs {@code call} in the primary region, or in failover regions as described in the class comment. When every
     * region fails, throws the primary's exception (or, while the primary is skipped, an {@link SdkClientException}
     * saying so).
     */
    public <T> T call(CacheEntry entry, final RegionalCall<T> call) {
        final String secretId = entry.secretId;
        if (!enabled()) {
            return primary.call(c -> call.apply(c, secretId, null, false));
        }
        RegionHealth home = regionHealth(primaryRegion);
        long startedAt = clock.read();
        RegionHealth.Use use = home.use(startedAt);
        RuntimeException primaryFailure = null;
        if (use != RegionHealth.Use.SKIP) {
            try {
                T result = primary.call(c -> call.apply(c, secretId, primaryRegion, false));
                cameBack(home, use);
                return result;
            } catch (Error error) {
                home.abandoned(use);
                throw error;
            } catch (RuntimeException error) {
                if (SecretLoader.isInterruption(error)) {
                    home.abandoned(use);
                    throw error;
                }
                if (!isOutage(error)) {
                    cameBack(home, use);        // the region answered: the error is the secret's, not the region's
                    throw error;
                }
                primaryFailure = error;
                long nextProbe = home.failed(use, startedAt, clock.read());
                if (nextProbe >= 0) {
                    home.failovers.increment();
                    LOG.warn("Secrets Manager region {} failed with {}; reading from failover regions {} until it "
                            + "answers again (next attempt in {} ms)", primaryRegion, SecretLoader.errorCode(error),
                            candidates(entry), TimeUnit.NANOSECONDS.toMillis(nextProbe));
                }
            }
        }
        for (String region : candidates(entry)) {
            RegionHealth replica = regionHealth(region);
            long replicaStartedAt = clock.read();
            RegionHealth.Use replicaUse = replica.use(replicaStartedAt);
            if (replicaUse == RegionHealth.Use.SKIP) {
                continue;
            }
            String regionalId = idIn(secretId, region);
            try {
                T result = client(region).call(c -> call.apply(c, regionalId, region, true));
                replica.answered(replicaUse, clock.read());
                replica.failovers.increment();
                return result;
            } catch (Error error) {
                replica.abandoned(replicaUse);
                throw error;
            } catch (RuntimeException error) {
                if (SecretLoader.isInterruption(error)) {
                    replica.abandoned(replicaUse);
                    throw error;
                }
                if (isOutage(error)) {
                    if (replica.failed(replicaUse, replicaStartedAt, clock.read()) >= 0) {
                        LOG.warn("Failover region {} failed with {}; skipping it until it answers again", region,
                                SecretLoader.errorCode(error));
                    }
                } else {
                    replica.answered(replicaUse, clock.read());
                    warnRefusal(region, secretId, error);
                }
            }
        }
        if (primaryFailure != null) {
            throw primaryFailure;
        }
        throw SdkClientException.create("Secrets Manager region " + primaryRegion + " is failing and no failover "
                + "region answered for secret " + secretId + "; the primary is tried again after its backoff");
    }

    /**
     * A failover region answered, but refused the secret: no replica there, or access denied and the like. Said once
     * per region and error code at WARN (a missing replica or permission is a set-up problem), then at DEBUG.
     */
    private void warnRefusal(String region, String secretId, RuntimeException error) {
        String code = SecretLoader.errorCode(error);
        if (!warnedRefusals.add(region + ' ' + code)) {
            LOG.debug("Failover region {} refused secret {} with {}", region, secretId, code);
        } else if (error instanceof ResourceNotFoundException) {
            LOG.warn("Secret {} has no replica in failover region {}; trying the next region (said once per region)",
                    secretId, region);
        } else {
            LOG.warn("Failover region {} refused secret {} with {}; trying the next region (said once per region and"
                    + " error)", region, secretId, code);
        }
    }

    private void cameBack(RegionHealth home, RegionHealth.Use use) {
        if (home.answered(use, clock.read())) {
            LOG.info("Secrets Manager region {} answers again; reading from it again", primaryRegion);
        }
    }

    /** Counts one request sent to {@code region} (null without failover). */
    public void countCall(String region) {
        if (region != null) {
            regionHealth(region).calls.increment();
        }
    }

    /** After a DescribeSecret in the primary region: remembers the replicas it reports, if those are used. */
    public void learnReplicas(CacheEntry entry, DescribeSecretResponse describe) {
        if (!reportedReplicas) {
            return;
        }
        List<String> regions = new ArrayList<>();
        for (ReplicationStatusType status : describe.replicationStatus()) {
            if (status.region() != null && status.status() != StatusType.FAILED
                    && !status.region().equals(primaryRegion)) {
                regions.add(status.region());
            }
        }
        entry.reportedReplicas = Collections.unmodifiableList(regions);
        reportedAnywhere.addAll(regions);
    }

    /** The failover regions for a secret, in order: the configured ones, then the reported ones. */
    private List<String> candidates(CacheEntry entry) {
        if (!reportedReplicas) {
            return failoverRegions;
        }
        Set<String> regions = new LinkedHashSet<>(failoverRegions);
        List<String> reported = entry.reportedReplicas;
        if (reported.isEmpty()) {
            synchronized (reportedAnywhere) {
                regions.addAll(reportedAnywhere);
            }
        } else {
            regions.addAll(reported);
        }
        return new ArrayList<>(regions);
    }

    /**
     * Whether a failure is the region's rather than the secret's, and a retry will not soon fix it: no answer
     * (connection errors, timeouts; the SDK has retried already), a 5xx answer, or throttling that outlasted the SDK's
     * retries. Not: not found, access denied, validation, decryption and other 4xx answers.
     */
    static boolean isOutage(RuntimeException error) {
        if (error instanceof SdkClientException) {
            return true;
        }
        if (error instanceof SdkServiceException) {
            SdkServiceException service = (SdkServiceException) error;
            if (service.statusCode() >= 500 || service.isThrottlingException()) {
                return true;
            }
            if (error instanceof AwsServiceException && ((AwsServiceException) error).awsErrorDetails() != null) {
                String code = ((AwsServiceException) error).awsErrorDetails().errorCode();
                return "ThrottlingException".equals(code) || "TooManyRequestsException".equals(code)
                        || "RequestLimitExceeded".equals(code);
            }
        }
        return false;
    }

    /**
     * The secret's ID in {@code region}: a name stays as is (a replica has its primary's name); an ARN, full or
     * partial, gets the region in its fourth field ({@code arn:aws:secretsmanager:<region>:<account>:secret:...}).
     */
    static String idIn(String secretId, String region) {
        if (!secretId.startsWith("arn:")) {
            return secretId;
        }
        String[] parts = secretId.split(":", 5);
        if (parts.length < 5) {
            return secretId;
        }
        return parts[0] + ':' + parts[1] + ':' + parts[2] + ':' + region + ':' + parts[4];
    }

    private ClientHolder client(String region) {
        ClientHolder client = clients.get(region);
        return client != null ? client : clients.computeIfAbsent(region, clientFactory);
    }

    private RegionHealth regionHealth(String region) {
        synchronized (health) {
            RegionHealth known = health.get(region);
            if (known == null) {
                known = new RegionHealth(region, backoff);
                health.put(region, known);
            }
            return known;
        }
    }

    /** Tells {@code sink} each region's counters, the primary first. */
    public void report(StatsSink sink) {
        if (!enabled()) {
            return;
        }
        List<RegionHealth> regions;
        synchronized (health) {
            regions = new ArrayList<>(health.values());
        }
        long now = clock.read();
        for (RegionHealth region : regions) {
            boolean isPrimary = region.region.equals(primaryRegion);
            sink.region(region.region, isPrimary, region.calls.sum(), region.failed.sum(), region.failovers.sum(),
                    isPrimary ? region.downMillis(now) : 0, region.isDown());
        }
    }

    /** Retires the failover regions' clients the cache built (built again on next use), like the primary's. */
    public void close() {
        for (ClientHolder client : clients.values()) {
            client.close();
        }
    }
}
