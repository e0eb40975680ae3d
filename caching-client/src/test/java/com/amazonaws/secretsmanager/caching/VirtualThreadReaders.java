package com.amazonaws.secretsmanager.caching;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Run in a child JVM (21+) by {@link VirtualThreadTest}: 64 virtual threads read through one cache, so they pile up
 * on the same single-flight loads and refreshes. Arguments: endpoint, region, access key, secret key, secret ids...
 * Prints "OK <reads>" when every read returned the expected value ("value-" + secret id).
 */
public final class VirtualThreadReaders {

    public static void main(String[] args) throws Exception {
        SecretsManagerClient client = SecretsManagerClient.builder().endpointOverride(URI.create(args[0]))
                .region(Region.of(args[1]))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(args[2], args[3])))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        List<String> ids = List.of(args).subList(4, args.length);
        FakeTicker ticker = new FakeTicker();
        ExecutorService threads = (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor")
                .invoke(null);
        try (SecretCache cache = new SecretCache(new SecretCacheConfiguration().withClient(client).withTicker(ticker))) {
            int reads = 0;
            for (int round = 0; round < 3; round++) {
                List<Future<Boolean>> results = new ArrayList<>();
                for (int i = 0; i < 64; i++) {
                    String id = ids.get(i % ids.size());
                    boolean force = i % 16 == 0;
                    results.add(threads.submit(() -> {
                        if (force) {
                            cache.refreshNow(id);
                        }
                        return ("value-" + id).equals(cache.getSecretString(id));
                    }));
                }
                for (Future<Boolean> result : results) {
                    if (!result.get(60, TimeUnit.SECONDS)) {
                        throw new AssertionError("a virtual thread read a wrong value");
                    }
                    reads++;
                }
                ticker.advance(Duration.ofHours(2));    // the next round finds every secret expired
            }
            System.out.println("OK " + reads);
        } finally {
            threads.shutdownNow();
            client.close();
        }
    }
}
