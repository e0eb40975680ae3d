package dev.smkit.reliability.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * Counts the client's HTTP attempts and, while switched on, sends every request to a local port nobody listens on: the endpoint
 * becomes unreachable (connection refused) for a client that has already loaded secrets through it. An SDK interceptor that, while switched on, sends every request to a local port nobody listens on: the endpoint
 * becomes unreachable (connection refused) for a client that has already loaded secrets through it.
 */
public final class EndpointSwitch implements ExecutionInterceptor {

    private final int closedPort = closedPort();
    private final AtomicLong attempts = new AtomicLong();
    private volatile boolean unreachable;

    public void unreachable(boolean value) {
        this.unreachable = value;
    }

    /** HTTP attempts the client made (also those that never reached the emulator). */
    public long attempts() {
        return attempts.get();
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        attempts.incrementAndGet();
    }

    @Override
    public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
        return unreachable ? context.httpRequest().toBuilder().port(closedPort).build() : context.httpRequest();
    }

    /** A port that was free a moment ago; nothing in this JVM binds it again (ephemeral ports cycle slowly). */
    public static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
