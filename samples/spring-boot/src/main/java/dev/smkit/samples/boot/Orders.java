package dev.smkit.samples.boot;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The orders table, through Spring's JdbcTemplate on the DataSource that smkit's starter built from the secret. */
@Repository
public class Orders {

    private final JdbcTemplate jdbc;

    public Orders(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Number of orders, and how many of them are at least {@code largeCents}. */
    public Summary summary(long largeCents) {
        return jdbc.queryForObject("select count(*), count(*) filter (where amount_cents >= ?) from orders",
                (row, i) -> new Summary(row.getLong(1), row.getLong(2)), largeCents);
    }

    /** What the report prints. */
    public record Summary(long orders, long largeOrders) {
    }
}
