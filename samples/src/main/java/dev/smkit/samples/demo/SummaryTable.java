package dev.smkit.samples.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The end-of-run table: sections of label/value rows, in text for the console and as rows for the HTML report. */
final class SummaryTable {

    /** A row; a row with a null value is a section heading. */
    static final class Row {
        final String label;
        final String value;

        Row(String label, String value) {
            this.label = label;
            this.value = value;
        }

        boolean heading() {
            return value == null;
        }
    }

    private SummaryTable() {
    }

    static List<Row> rows(DemoReport report) {
        List<Row> rows = new ArrayList<>();
        double seconds = report.elapsedNanos / 1e9;
        rows.add(new Row("Queries", null));
        rows.add(new Row("ok", String.format(Locale.ROOT, "%,d", report.queriesOk())));
        rows.add(new Row("failed", String.format(Locale.ROOT, "%,d", report.queriesFailed())));
        rows.add(new Row("per second (average)",
                String.format(Locale.ROOT, "%,.0f", seconds > 0 ? report.queriesOk() / seconds : 0)));
        rows.add(new Row("Rotations (RotateSecret)", null));
        rows.add(new Row("completed", report.rotationsSucceeded() + " of " + report.rotations.size()));
        for (DemoOptions.Strategy strategy : DemoOptions.Strategy.values()) {
            long count = report.rotations.stream().filter(r -> r.strategy.equals(strategy.label())).count();
            if (count > 0) {
                rows.add(new Row(strategy.label() + (strategy == DemoOptions.Strategy.SINGLE ? " user" : " users"),
                        String.valueOf(count)));
            }
        }
        rows.add(new Row("Secrets Manager API calls", null));
        for (Map.Entry<String, Long> call : report.apiCalls().entrySet()) {
            rows.add(new Row(call.getKey(), String.valueOf(call.getValue())));
        }
        rows.add(new Row("Physical connects (wrapper driver)", null));
        rows.add(new Row("count", report.physicalConnects() + (report.connectFailures > 0
                ? " (+" + report.connectFailures + " failed)" : "")));
        rows.add(new Row("latency p50", millis(report.connectPercentileNanos(50))));
        rows.add(new Row("latency p99", millis(report.connectPercentileNanos(99))));
        rows.add(new Row("SecretCache", null));
        rows.add(new Row("hits / misses", report.cacheHits + " / " + report.cacheMisses));
        double ratio = report.cacheHitRatio();
        rows.add(new Row("hit ratio", Double.isNaN(ratio) ? "n/a" : String.format(Locale.ROOT, "%.1f%%", ratio * 100)));
        return rows;
    }

    static String millis(long nanos) {
        return nanos < 0 ? "n/a" : String.format(Locale.ROOT, "%.2f ms", nanos / 1e6);
    }

    /** The rows as a boxed text table. */
    static String render(DemoReport report) {
        List<Row> rows = rows(report);
        int labelWidth = 0;
        int valueWidth = 0;
        int headingWidth = 0;
        for (Row row : rows) {
            if (row.heading()) {
                headingWidth = Math.max(headingWidth, row.label.length());
            } else {
                labelWidth = Math.max(labelWidth, row.label.length() + 2);
                valueWidth = Math.max(valueWidth, row.value.length());
            }
        }
        // A heading spans both columns; widen the label column if one is longer than both.
        labelWidth = Math.max(labelWidth, headingWidth - valueWidth - 3);
        String rule = "+" + "-".repeat(labelWidth + 2) + "+" + "-".repeat(valueWidth + 2) + "+\n";
        StringBuilder out = new StringBuilder(rule);
        for (Row row : rows) {
            if (row.heading()) {
                if (out.length() > rule.length()) {
                    out.append(rule);
                }
                out.append(String.format(Locale.ROOT, "| %-" + (labelWidth + valueWidth + 3) + "s |%n", row.label));
            } else {
                out.append(String.format(Locale.ROOT, "|   %-" + (labelWidth - 2) + "s | %" + valueWidth + "s |%n",
                        row.label, row.value));
            }
        }
        return out.append(rule).toString();
    }
}
