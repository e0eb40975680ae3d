package dev.smkit.emulator;

/** How {@code RotateSecret} runs the steps of a registered {@link RotationFunction}. */
public enum RotationMode {
    /**
     * The default, as on AWS: RotateSecret answers at once with the new {@code VersionId} and the four steps run on a
     * background thread of the emulator. Use {@link SecretsManagerEmulator#awaitRotation(String, java.time.Duration)} or
     * a {@link RotationListener} to know when they are done.
     */
    ASYNCHRONOUS,

    /**
     * The steps run inside the RotateSecret request, which answers when they are done; a failed step makes it answer
     * HTTP 400 {@code InvalidRequestException} naming the step. Not how AWS behaves, but handy for simple tests.
     */
    SYNCHRONOUS
}
