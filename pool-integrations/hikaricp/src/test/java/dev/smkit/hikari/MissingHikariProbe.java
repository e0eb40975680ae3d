package dev.smkit.hikari;

/** Calls the factory the way application code does; loaded by a test in a class loader without HikariCP. */
public final class MissingHikariProbe implements Runnable {
    @Override
    public void run() {
        SecretsManagerHikari.forSecret("pools/any").build();
    }
}
