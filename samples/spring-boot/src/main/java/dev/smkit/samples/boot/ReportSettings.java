package dev.smkit.samples.boot;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code report.*}: imported from the secret {@code demo/orders-report} when it exists. A JavaBean, so that smkit
 * rebinds it in place when that secret gets a new version.
 */
@ConfigurationProperties("report")
public class ReportSettings {

    /** Orders at or above this amount (in cents) count as large. */
    private long largeOrderCents = 10_000;

    /** Shown in the report's first line. */
    private String title = "Orders";

    public long getLargeOrderCents() {
        return largeOrderCents;
    }

    public void setLargeOrderCents(long largeOrderCents) {
        this.largeOrderCents = largeOrderCents;
    }

    public String getTitle() {
        return title;
    }

    public void setTitle(String title) {
        this.title = title;
    }
}
