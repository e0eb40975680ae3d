package dev.smkit.emulator;

import java.util.Optional;

/**
 * What a {@link RotationFunction} step sees. Its methods act on the store directly: they are not API calls and are not
 * counted by {@link SecretsManagerEmulator#callCount(String)}. Once the rotation is cancelled (CancelRotateSecret,
 * {@link SecretsManagerEmulator#reset()}, {@link SecretsManagerEmulator#close()}) the writing methods throw
 * {@link IllegalStateException}, so a step that was already running cannot change the secret any more.
 */
public interface RotationContext {
    /** The secret's name. */
    String secretId();

    String arn();

    /** The pending version's id: the RotateSecret ClientRequestToken. */
    String token();

    /** The SecretString of the AWSCURRENT version; throws {@link IllegalStateException} if there is none. */
    String currentSecretString();

    /** The SecretString of version {@link #token()}, if that version exists. */
    Optional<String> pendingSecretString();

    /**
     * Stores version {@link #token()} with the label AWSPENDING. Calling it again with the same value does nothing; with
     * another value it throws {@link IllegalStateException}.
     */
    void putPendingSecretString(String value);

    /** 32 characters of letters, digits and punctuation without quotes or backslash. */
    String randomPassword();

    /** Moves AWSCURRENT to version {@link #token()}: the old current version becomes AWSPREVIOUS, AWSPENDING is removed. */
    void finish();
}
