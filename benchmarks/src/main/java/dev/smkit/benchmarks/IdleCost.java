package dev.smkit.benchmarks;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import com.amazonaws.secretsmanager.caching.SecretCache;
import com.amazonaws.secretsmanager.caching.SecretCacheConfiguration;

import dev.smkit.emulator.SecretsManagerEmulator;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The CPU an idle JVM spends because it holds open caches. One child JVM per case: it builds an SDK client for the
 * emulator (running in this parent JVM), opens N caches, reads one secret through each, lets start-up work settle,
 * then reads its own process CPU time before and after an idle period in which nothing is read.
 *
 * <p>Cases: 0, 1 and 100 open caches, for each implementation named on the command line, each measured
 * {@code --rounds} times (the implementations interleaved within a round, so a drift of the machine's load hits them
 * alike); the summary gives each case's median. An implementation is
 * {@code name=classpath-prefix}: the prefix goes before this jar on the child's class path, so a jar holding another
 * {@code com.amazonaws.secretsmanager.caching.SecretCache} (the AWS client, an older smkit build) wins over smkit's.
 * {@code smkit} alone means this jar as is.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.smkit.benchmarks.IdleCost [--seconds 20] [--settle 3]
 *     [--rounds 1] [--counts 0,1,100]
 *     smkit upstream=benchmarks/target/upstream/aws-secretsmanager-caching-java-2.2.0.jar
 * </pre>
 */
public final class IdleCost {

    private static final String SECRET = "idle/secret";
    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("child")) {
            child(args);
            return;
        }
        long seconds = 20;
        long settleSeconds = 3;
        int rounds = 1;
        List<Integer> counts = new ArrayList<>(List.of(0, 1, 100));
        Map<String, String> flavours = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--seconds")) {
                seconds = Long.parseLong(args[++i]);
            } else if (args[i].equals("--settle")) {
                settleSeconds = Long.parseLong(args[++i]);
            } else if (args[i].equals("--rounds")) {
                rounds = Integer.parseInt(args[++i]);
            } else if (args[i].equals("--counts")) {
                counts.clear();
                for (String count : args[++i].split(",")) {
                    counts.add(Integer.parseInt(count.trim()));
                }
            } else {
                int eq = args[i].indexOf('=');
                flavours.put(eq < 0 ? args[i] : args[i].substring(0, eq), eq < 0 ? "" : args[i].substring(eq + 1));
            }
        }
        if (flavours.isEmpty()) {
            flavours.put("smkit", "");
        }
        String ownPath = System.getProperty("java.class.path");
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        try (SecretsManagerEmulator emulator = SecretsManagerEmulator.start()) {
            emulator.client().createSecret(r -> r.name(SECRET).secretString("{\"password\":\"idle\"}"));
            System.out.printf(Locale.ROOT, "%-6s %-10s %-7s %-12s %-14s %s%n", "round", "impl", "caches", "cpu ms",
                    "% of a core", "threads of the caches");
            Map<String, List<Double>> cpuMillis = new LinkedHashMap<>();
            for (int round = 1; round <= rounds; round++) {
                for (int count : counts) {
                    for (Map.Entry<String, String> flavour : flavours.entrySet()) {
                        String classPath = flavour.getValue().isEmpty() ? ownPath
                                : flavour.getValue() + File.pathSeparator + ownPath;
                        List<String> command = List.of(java, "-Xmx256m", "-cp", classPath, IdleCost.class.getName(),
                                "child", emulator.endpoint().toString(), emulator.region(), emulator.accessKeyId(),
                                emulator.secretAccessKey(), Integer.toString(count), Long.toString(seconds),
                                Long.toString(settleSeconds));
                        String[] result = runChild(command, seconds + settleSeconds);
                        if (result == null) {
                            continue;
                        }
                        System.out.printf(Locale.ROOT, "%-6d %-10s %-7d %-12s %-14s %s%n", round, flavour.getKey(),
                                count, result[0], result[1], result.length > 2 ? result[2] : "");
                        cpuMillis.computeIfAbsent(flavour.getKey() + " " + count, k -> new ArrayList<>())
                                .add(Double.parseDouble(result[0]));
                    }
                }
            }
            System.out.printf(Locale.ROOT, "%nmedian over %d round(s) of %d s each:%n", rounds, seconds);
            for (Map.Entry<String, List<Double>> entry : cpuMillis.entrySet()) {
                List<Double> values = new ArrayList<>(entry.getValue());
                Collections.sort(values);
                double median = values.get(values.size() / 2);
                System.out.printf(Locale.ROOT, "%-16s %6.0f ms = %.2f %% of a core   (all: %s)%n", entry.getKey(),
                        median, median / (seconds * 10.0), values);
            }
        }
    }

    /** Runs one child; its RESULT line split in three (cpu ms, percent, threads), or null (its output is printed). */
    private static String[] runChild(List<String> command, long seconds) throws Exception {
        File log = File.createTempFile("idle-cost", ".log");
        log.deleteOnExit();
        Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
        if (!child.waitFor(seconds + 120, TimeUnit.SECONDS)) {
            child.destroyForcibly();
        }
        String output = new String(Files.readAllBytes(log.toPath()), StandardCharsets.UTF_8);
        for (String line : output.split("\n")) {
            if (line.startsWith("RESULT ")) {
                return line.substring("RESULT ".length()).split(" ", 3);
            }
        }
        System.out.println(command.get(command.size() - 3) + " caches: no result; child output:\n" + output);
        return null;
    }

    private static void child(String[] args) throws Exception {
        SecretsManagerClient client = SecretsManagerClient.builder().endpointOverride(URI.create(args[1]))
                .region(Region.of(args[2]))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(args[3], args[4])))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        int count = Integer.parseInt(args[5]);
        long seconds = Long.parseLong(args[6]);
        long settleSeconds = Long.parseLong(args[7]);
        List<SecretCache> caches = new ArrayList<>();
        if (count == 0) {
            client.describeSecret(r -> r.secretId(SECRET));    // the same SDK start-up work as the other cases
        }
        for (int i = 0; i < count; i++) {
            SecretCache cache = new SecretCache(new SecretCacheConfiguration().withClient(client));
            if (cache.getSecretString(SECRET) == null) {
                throw new IllegalStateException("no value");
            }
            caches.add(cache);
        }
        Map<String, Integer> before = threads();
        Thread.sleep(TimeUnit.SECONDS.toMillis(settleSeconds));
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpuBefore = os.getProcessCpuTime();
        long wallBefore = System.nanoTime();
        Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
        long cpu = os.getProcessCpuTime() - cpuBefore;
        long wall = System.nanoTime() - wallBefore;
        Map<String, Integer> after = threads();
        System.out.printf(Locale.ROOT, "RESULT %.0f %.2f%% after-read:%s idle-end:%s%n", cpu / 1e6, 100.0 * cpu / wall,
                before, after);
        for (SecretCache cache : caches) {
            cache.close();
        }
        client.close();
    }

    /** Threads whose name suggests a cache or SDK background thread, by name with digits folded. */
    private static Map<String, Integer> threads() {
        Map<String, Integer> names = new TreeMap<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            String name = thread.getName().replaceAll("[0-9]+", "#");
            if (name.contains("smkit") || name.contains("ecret") || name.contains("aws") || name.contains("sdk")
                    || name.startsWith("pool-") || name.startsWith("Thread-")) {
                names.merge(name, 1, Integer::sum);
            }
        }
        return names;
    }
}
