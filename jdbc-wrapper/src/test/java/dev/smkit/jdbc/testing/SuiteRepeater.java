package dev.smkit.jdbc.testing;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs test classes again and again in this JVM, on a {@link BusyMachine}, and reports every failure: the check that
 * a rotation suite passes on a loaded machine every time, not most times. Used by the {@code field-conditions} Maven
 * profile (see RELIABILITY.md); the count comes from {@value #REPEATS_PROPERTY}.
 */
public final class SuiteRepeater {

    public static final String REPEATS_PROPERTY = "smkit.repeats";

    private SuiteRepeater() {
    }

    /** What the repetitions did. */
    public static final class Outcome {
        public final int repetitions;
        public final long testsRun;
        public final List<String> failures;

        Outcome(int repetitions, long testsRun, List<String> failures) {
            this.repetitions = repetitions;
            this.testsRun = testsRun;
            this.failures = failures;
        }
    }

    public static Outcome run(Class<?>... testClasses) throws InterruptedException {
        int repetitions = Integer.getInteger(REPEATS_PROPERTY, 20);
        Launcher launcher = LauncherFactory.create();
        List<String> failures = new ArrayList<>();
        long testsRun = 0;
        try (BusyMachine load = BusyMachine.start()) {
            for (int i = 1; i <= repetitions; i++) {
                LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request();
                for (Class<?> testClass : testClasses) {
                    request.selectors(selectClass(testClass));
                }
                LauncherDiscoveryRequest discovery = request.build();
                SummaryGeneratingListener listener = new SummaryGeneratingListener();
                launcher.execute(discovery, listener);
                TestExecutionSummary summary = listener.getSummary();
                testsRun += summary.getTestsStartedCount();
                for (TestExecutionSummary.Failure failure : summary.getFailures()) {
                    StringWriter trace = new StringWriter();
                    failure.getException().printStackTrace(new PrintWriter(trace));
                    failures.add("repetition " + i + ": " + failure.getTestIdentifier().getDisplayName() + "\n" + trace);
                }
                System.out.printf("repetition %d/%d on %d busy threads: %d tests, %d failed%n", i, repetitions,
                        load.threads(), summary.getTestsStartedCount(), summary.getTotalFailureCount());
            }
        }
        return new Outcome(repetitions, testsRun, failures);
    }
}
