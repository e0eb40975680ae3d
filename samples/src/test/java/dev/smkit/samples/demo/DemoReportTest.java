package dev.smkit.samples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recorder, summary table, timeline chart and progress line, driven by a hand-moved clock. */
class DemoReportTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final DemoOptions options = DemoOptions.parse("--duration", "3s", "--rotate-every", "1s");

    private void at(double seconds) {
        now.set(1_000_000_000L + (long) (seconds * 1e9));
    }

    private DemoReport sampleRun(boolean withFailure) {
        at(0);
        DemoRecorder recorder = new DemoRecorder(now::get, 3);
        at(0.1);
        recorder.queryOk();
        recorder.queryOk();
        at(1.2);
        for (int i = 0; i < 5; i++) {
            recorder.queryOk();
        }
        recorder.rotation("single", now.get(), true, null);
        at(1.25);
        if (withFailure) {
            recorder.queryFailed(new SQLException("login <failed> for secret smkit-demo/app-db", "28000"));
        }
        at(2.5);
        recorder.rotation("alternating", now.get() - 100_000_000L, true, null);
        for (int i = 1; i <= 100; i++) {
            recorder.connected(i * 1_000_000L);
        }
        at(3.0);
        return recorder.report(options, Map.of("GetSecretValue", 3L, "DescribeSecret", 4L, "RotateSecret", 2L), 90, 10);
    }

    @Test
    void countsPercentilesAndExitStatus() {
        DemoReport report = sampleRun(false);
        assertThat(report.queriesOk()).isEqualTo(7);
        assertThat(report.okPerSecond).startsWith(2, 5, 0);
        assertThat(report.queriesFailed()).isZero();
        assertThat(report.rotationsSucceeded()).isEqualTo(2);
        assertThat(report.rotations.get(1).offsetMillis).isEqualTo(2400);
        assertThat(report.rotations.get(1).tookMillis).isEqualTo(100);
        assertThat(report.connectPercentileNanos(50)).isEqualTo(50_000_000L);
        assertThat(report.connectPercentileNanos(99)).isEqualTo(99_000_000L);
        assertThat(report.cacheHitRatio()).isEqualTo(0.9);
        assertThat(report.exitStatus()).isZero();
        assertThat(sampleRun(true).exitStatus()).isEqualTo(1);
    }

    @Test
    void summaryTableShowsEverySection() {
        String table = SummaryTable.render(sampleRun(true));
        assertThat(table).contains("| Queries", "|   ok ", "|   failed ", "| Rotations (RotateSecret)",
                "2 of 2", "|   single user ", "|   alternating users ", "| Secrets Manager API calls",
                "|   DescribeSecret ", "|   RotateSecret ", "| Physical connects", "50.00 ms", "99.00 ms",
                "90.0%");
        // Every line of the box has the same width.
        assertThat(table.lines().mapToInt(String::length).distinct().count()).isEqualTo(1);
    }

    @Test
    void timelineIsSelfContainedHtmlWithBarsRotationsAndFailures(@TempDir Path dir) throws Exception {
        Path file = TimelineChart.write(sampleRun(true), dir.resolve("nested/timeline.html"));
        String html = Files.readString(file);
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<svg", "</svg>", "</html>");
        assertThat(html).doesNotContain("<script", "src=", "href=");
        assertThat(count(html, "class=\"ok\"")).isEqualTo(3);
        assertThat(count(html, "class=\"failed\"")).isEqualTo(1);
        assertThat(count(html, "class=\"rotation\"")).isEqualTo(2);
        assertThat(html).contains("login &lt;failed&gt; for secret").doesNotContain("<failed>");
    }

    @Test
    void chartGridStepIsARoundNumberGivingAboutFiveLines() {
        assertThat(TimelineChart.niceStep(1)).isEqualTo(1);
        assertThat(TimelineChart.niceStep(7)).isEqualTo(2);
        assertThat(TimelineChart.niceStep(22_000)).isEqualTo(5_000);
        assertThat(TimelineChart.niceStep(9_000)).isEqualTo(2_000);
        assertThat(TimelineChart.niceStep(100_000)).isEqualTo(20_000);
    }

    @Test
    void progressLineRedrawsInPlaceOnATerminalOnly() {
        ByteArrayOutputStream tty = new ByteArrayOutputStream();
        ProgressLine line = new ProgressLine(new PrintStream(tty, true, StandardCharsets.UTF_8), true);
        line.show(ProgressLine.text(1, 30, 12345, 0, 0));
        line.show("short");
        line.finish();
        String ttyOut = tty.toString(StandardCharsets.UTF_8);
        assertThat(ttyOut).startsWith("\r[  1s/30s]  12,345 queries/s | 0 rotations | 0 failures\rshort ")
                .endsWith(System.lineSeparator()).doesNotContain("\n\r");
        assertThat(line.interval()).isEqualTo(ProgressLine.TTY_INTERVAL);

        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        ProgressLine log = new ProgressLine(new PrintStream(plain, true, StandardCharsets.UTF_8), false);
        log.show("a");
        log.show("b");
        log.finish();
        assertThat(plain.toString(StandardCharsets.UTF_8)).isEqualTo("a" + System.lineSeparator() + "b"
                + System.lineSeparator()).doesNotContain("\r");
        assertThat(log.interval()).isEqualTo(ProgressLine.PLAIN_INTERVAL);
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
