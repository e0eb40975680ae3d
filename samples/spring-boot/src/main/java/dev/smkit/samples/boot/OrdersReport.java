package dev.smkit.samples.boot;

import org.springframework.boot.CommandLineRunner;
import org.springframework.stereotype.Component;

/** Prints one line when the application starts: the title from the imported settings and the order counts. */
@Component
public class OrdersReport implements CommandLineRunner {

    private final Orders orders;
    private final ReportSettings settings;

    public OrdersReport(Orders orders, ReportSettings settings) {
        this.orders = orders;
        this.settings = settings;
    }

    @Override
    public void run(String... args) {
        System.out.println(line());
    }

    /** The report line, with the settings as bound now (they follow the settings secret's versions). */
    public String line() {
        Orders.Summary summary = orders.summary(settings.getLargeOrderCents());
        return settings.getTitle() + ": " + summary.orders() + " orders, " + summary.largeOrders()
                + " of at least " + settings.getLargeOrderCents() + " cents";
    }
}
