package com.amazonaws.secretsmanager.sql.internal;

/** The clock and sleep of the authentication retry loop; tests substitute a fake that advances without sleeping. */
public interface RetryTiming {

    RetryTiming SYSTEM = new RetryTiming() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleep(long millis) throws InterruptedException {
            Thread.sleep(millis);
        }
    };

    long nanoTime();

    void sleep(long millis) throws InterruptedException;
}
