package com.amazonaws.secretsmanager.caching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * Reads from 64 virtual threads on a 21+ JDK with one carrier thread: a cache that blocked on I/O inside
 * {@code synchronized} would pin it. Skipped when no such JDK is installed.
 */
class VirtualThreadTest extends EmulatorTest {

    private static final Path JAVA = Paths.get("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");

    @Test
    void sixtyFourVirtualThreadsReadThroughTheCacheWithoutPinning() throws Exception {
        assumeTrue(Files.isExecutable(JAVA), "no JDK 21+ at " + JAVA);
        List<String> ids = List.of("a", "b", "c");
        for (String id : ids) {
            createSecret(id, "value-" + id);
        }
        emulator.faults().latency("*", Duration.ofMillis(50));

        List<String> command = new ArrayList<>(List.of(JAVA.toString(), "-Djdk.tracePinnedThreads=full",
                "-Djdk.virtualThreadScheduler.parallelism=1", "-Djdk.virtualThreadScheduler.maxPoolSize=1",
                "-cp", System.getProperty("java.class.path"), VirtualThreadReaders.class.getName(),
                emulator.endpoint().toString(), emulator.region(), emulator.accessKeyId(),
                emulator.secretAccessKey()));
        command.addAll(ids);
        File output = File.createTempFile("virtual-threads", ".log");
        output.deleteOnExit();
        Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output).start();
        boolean finished = child.waitFor(120, TimeUnit.SECONDS);
        if (!finished) {
            child.destroyForcibly();
        }
        String log = new String(Files.readAllBytes(output.toPath()), StandardCharsets.UTF_8);

        assertThat(finished).as("child finished; output:%n%s", log).isTrue();
        assertThat(child.exitValue()).as("exit code; output:%n%s", log).isZero();
        assertThat(log).contains("OK 192").doesNotContain("pinned").doesNotContain("<== monitors");
        assertThat(describeCalls()).as("per round one check per secret plus at most the 4 forced ones").isBetween(9L, 21L);
    }
}
