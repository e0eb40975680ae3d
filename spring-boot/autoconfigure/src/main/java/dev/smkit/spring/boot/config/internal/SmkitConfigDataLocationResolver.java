package dev.smkit.spring.boot.config.internal;

import dev.smkit.spring.boot.config.SmkitConfigProperties;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.config.ConfigDataLocation;
import org.springframework.boot.context.config.ConfigDataLocationResolver;
import org.springframework.boot.context.config.ConfigDataLocationResolverContext;

/**
 * Resolves {@code smkit:<id>[?prefix=<p>][&key=<k>][;<id>...]} locations, and only those (so it never takes
 * Spring Cloud AWS's {@code aws-secretsmanager:}). Makes sure the bootstrap context holds the shared cache.
 */
public final class SmkitConfigDataLocationResolver implements ConfigDataLocationResolver<SecretConfigDataResource> {
    static final String PREFIX = "smkit:";

    @Override
    public boolean isResolvable(ConfigDataLocationResolverContext context, ConfigDataLocation location) {
        return location.hasPrefix(PREFIX);
    }

    @Override
    public List<SecretConfigDataResource> resolve(ConfigDataLocationResolverContext context,
            ConfigDataLocation location) {
        SmkitConfigProperties defaults = context.getBinder().bind("smkit.config", SmkitConfigProperties.class)
                .orElseGet(SmkitConfigProperties::new);
        List<SecretConfigDataResource> resources = new ArrayList<>();
        for (String entry : location.getNonPrefixedValue(PREFIX).split(";")) {
            if (!entry.isBlank()) {
                resources.add(new SecretConfigDataResource(parse(entry.trim(), defaults, location),
                        location.isOptional()));
            }
        }
        if (resources.isEmpty()) {
            throw new IllegalArgumentException("Config import location '" + location + "' names no secret; write "
                    + PREFIX + "<secret-id>");
        }
        SharedCache.registerIn(context.getBootstrapContext(), context.getBinder());
        return resources;
    }

    private static ImportedSecret parse(String entry, SmkitConfigProperties defaults, ConfigDataLocation location) {
        int query = entry.indexOf('?');
        String secretId = query < 0 ? entry : entry.substring(0, query).trim();
        if (secretId.isEmpty()) {
            throw new IllegalArgumentException("Config import location '" + location + "' has an entry without a "
                    + "secret ID: '" + entry + "'");
        }
        String prefix = defaults.getPrefix();
        String plainKey = defaults.getPlainKey() == null || defaults.getPlainKey().isBlank() ? secretId
                : defaults.getPlainKey();
        if (query >= 0) {
            for (String parameter : entry.substring(query + 1).split("&")) {
                int equals = parameter.indexOf('=');
                String name = equals < 0 ? parameter : parameter.substring(0, equals);
                String value = equals < 0 ? "" : parameter.substring(equals + 1);
                switch (name) {
                    case "prefix" -> prefix = value;
                    case "key" -> plainKey = value;
                    default -> throw new IllegalArgumentException("Config import location '" + location
                            + "' has unknown parameter '" + name + "' (known: prefix, key)");
                }
            }
        }
        if (plainKey.isBlank()) {
            throw new IllegalArgumentException("Config import location '" + location + "' sets an empty key= for "
                    + "secret '" + secretId + "'");
        }
        return new ImportedSecret(secretId, prefix, plainKey);
    }
}
