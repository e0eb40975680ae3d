package dev.smkit.samples.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the run's timeline as one self-contained HTML file with an inline SVG chart (no scripts, no network):
 * queries per second as bars, failed queries in red, a vertical line at each rotation, and the summary table.
 */
final class TimelineChart {

    private static final int WIDTH = 960;
    private static final int HEIGHT = 320;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 30;
    private static final int BOTTOM = 40;
    private static final String OK_COLOR = "#2b6cb0";
    private static final String FAILED_COLOR = "#e53e3e";
    private static final Map<String, String> ROTATION_COLORS = Map.of("single", "#dd6b20", "alternating", "#805ad5");

    private TimelineChart() {
    }

    static Path write(DemoReport report, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, html(report).getBytes(StandardCharsets.UTF_8));
        return file;
    }

    static String html(DemoReport report) {
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<title>smkit rotation demo</title><style>")
                .append("body{font-family:sans-serif;margin:2em;color:#1a202c}")
                .append("table{border-collapse:collapse}td{padding:2px 12px;border-bottom:1px solid #e2e8f0}")
                .append("td.v{text-align:right;font-variant-numeric:tabular-nums}th{text-align:left;padding-top:10px}")
                .append("</style></head><body>\n");
        html.append("<h1>smkit rotation demo</h1>\n<p>").append(escape(report.options.toString()))
                .append(report.exitStatus() == 0 ? " &mdash; <strong>no failures</strong>" : " &mdash; <strong style=\"color:"
                        + FAILED_COLOR + "\">failures</strong>")
                .append("</p>\n");
        html.append(svg(report)).append('\n');
        html.append("<table>\n");
        for (SummaryTable.Row row : SummaryTable.rows(report)) {
            if (row.heading()) {
                html.append("<tr><th colspan=\"2\">").append(escape(row.label)).append("</th></tr>\n");
            } else {
                html.append("<tr><td>").append(escape(row.label)).append("</td><td class=\"v\">")
                        .append(escape(row.value)).append("</td></tr>\n");
            }
        }
        html.append("</table>\n");
        if (!report.failureKinds.isEmpty()) {
            html.append("<h2>Failures</h2>\n<ul>\n");
            report.failureKinds.forEach((kind, count) -> html.append("<li>").append(count).append(" &times; ")
                    .append(escape(kind)).append("</li>\n"));
            html.append("</ul>\n");
        }
        return html.append("</body></html>\n").toString();
    }

    static String svg(DemoReport report) {
        // The x axis spans the configured duration; operations finishing after it are in the spare last bucket.
        int seconds = (int) Math.max(1, Math.min(report.okPerSecond.length - 1,
                (report.options.duration().toMillis() + 999) / 1000));
        int buckets = seconds;
        long max = 1;
        for (int i = 0; i < buckets; i++) {
            max = Math.max(max, report.okPerSecond[i] + report.failedPerSecond[i]);
        }
        long step = niceStep(max);
        int gridLines = (int) ((max + step - 1) / step);
        long yMax = step * gridLines;
        double plotWidth = WIDTH - LEFT - RIGHT;
        double plotHeight = HEIGHT - TOP - BOTTOM;
        double barWidth = plotWidth / seconds;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"11\" role=\"img\" "
                + "aria-label=\"queries per second over time, with rotations\">\n", WIDTH, HEIGHT, WIDTH, HEIGHT));
        // Horizontal grid and y labels.
        for (int i = 0; i <= gridLines; i++) {
            double y = TOP + plotHeight - plotHeight * i / gridLines;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#e2e8f0\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%,d</text>\n",
                    LEFT, y, WIDTH - RIGHT, y, LEFT - 6, y + 4, step * i));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"12\" y=\"%d\" transform=\"rotate(-90 12 %d)\" "
                + "text-anchor=\"middle\">queries / second</text>\n", TOP + (int) plotHeight / 2, TOP + (int) plotHeight / 2));
        for (int i = 0; i < buckets; i++) {
            double x = LEFT + i * barWidth;
            double okHeight = plotHeight * report.okPerSecond[i] / yMax;
            double failedHeight = plotHeight * report.failedPerSecond[i] / yMax;
            svg.append(String.format(Locale.ROOT, "<rect class=\"ok\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
                    + "fill=\"%s\"><title>%ds: %d ok, %d failed</title></rect>\n", x + 0.5, TOP + plotHeight - okHeight,
                    Math.max(0.5, barWidth - 1), okHeight, OK_COLOR, i, report.okPerSecond[i], report.failedPerSecond[i]));
            if (report.failedPerSecond[i] > 0) {
                // At least 3 px tall, so a single failure is visible next to thousands of successes.
                double h = Math.max(3, failedHeight);
                svg.append(String.format(Locale.ROOT, "<rect class=\"failed\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
                        + "height=\"%.1f\" fill=\"%s\"/>\n", x + 0.5, TOP + plotHeight - okHeight - h,
                        Math.max(0.5, barWidth - 1), h, FAILED_COLOR));
            }
        }
        for (DemoReport.Rotation rotation : report.rotations) {
            double x = LEFT + plotWidth * rotation.offsetMillis / (seconds * 1000.0);
            String color = rotation.succeeded ? ROTATION_COLORS.getOrDefault(rotation.strategy, "#4a5568") : FAILED_COLOR;
            svg.append(String.format(Locale.ROOT, "<line class=\"rotation\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%.1f\" "
                    + "stroke=\"%s\" stroke-width=\"2\" stroke-dasharray=\"4 3\"><title>%s rotation at %.1fs, %s in %d ms"
                    + "</title></line><text x=\"%.1f\" y=\"%d\" fill=\"%s\" text-anchor=\"middle\">%s</text>\n",
                    x, TOP, x, TOP + plotHeight, color, escape(rotation.strategy), rotation.offsetMillis / 1000.0,
                    rotation.succeeded ? "completed" : "FAILED", rotation.tookMillis, x, TOP - 8, color,
                    rotation.strategy.equals("single") ? "S" : "A"));
        }
        // X axis with a label every few seconds.
        int labelEvery = Math.max(1, seconds / 10);
        for (int s = 0; s <= seconds; s += labelEvery) {
            double x = LEFT + s * barWidth;
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%ds</text>\n",
                    x, TOP + plotHeight + 16, s));
        }
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#4a5568\"/>\n",
                LEFT, TOP + plotHeight, WIDTH - RIGHT, TOP + plotHeight));
        String[][] legend = {
            {OK_COLOR, "\u25A0 queries ok"}, {FAILED_COLOR, "\u25A0 failed queries"},
            {ROTATION_COLORS.get("single"), "S = single-user rotation"},
            {ROTATION_COLORS.get("alternating"), "A = alternating-users rotation"}};
        int legendX = LEFT;
        for (String[] entry : legend) {
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"%s\">%s</text>\n", legendX,
                    HEIGHT - 6, entry[0], escape(entry[1])));
            legendX += 40 + 6 * entry[1].length();
        }
        return svg.append("</svg>").toString();
    }

    /** The grid step: 1, 2 or 5 times a power of ten, so that about five steps cover {@code max}. */
    static long niceStep(long max) {
        long target = Math.max(1, (max + 4) / 5);
        for (long power = 1; ; power *= 10) {
            for (long factor : new long[] {1, 2, 5}) {
                if (factor * power >= target) {
                    return factor * power;
                }
            }
        }
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
