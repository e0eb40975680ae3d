package dev.smkit.spring.boot.config.internal;

import org.springframework.boot.context.config.ConfigDataResource;

/** One secret to import. Boot loads equal resources once, so equality is the secret and how it maps to properties. */
public final class SecretConfigDataResource extends ConfigDataResource {
    private final ImportedSecret secret;

    SecretConfigDataResource(ImportedSecret secret, boolean optional) {
        super(optional);
        this.secret = secret;
    }

    ImportedSecret secret() {
        return secret;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SecretConfigDataResource that && secret.equals(that.secret);
    }

    @Override
    public int hashCode() {
        return secret.hashCode();
    }

    /** Appears in Boot's "cannot be found" failure: names the secret, never a value. */
    @Override
    public String toString() {
        return secret.toString();
    }
}
