/**
 * {@code spring.config.import=smkit:...}: Secrets Manager secrets as Spring properties, read through the
 * application's one {@link com.amazonaws.secretsmanager.caching.SecretCache}.
 *
 * <h2>Location syntax</h2>
 * <pre>
 * spring.config.import=smkit:&lt;secret-id&gt;[?prefix=&lt;prefix&gt;][&amp;key=&lt;key&gt;][;&lt;secret-id&gt;...]
 * </pre>
 * <ul>
 *   <li>Several secrets: separate them with {@code ;} in one location ({@code smkit:app/db;app/api}) or write several
 *       locations ({@code smkit:app/db,smkit:app/api}); a comma always starts a new location, which needs its own
 *       {@code smkit:}. Secret names cannot contain {@code ;}, {@code ?} or {@code &}, so these never clash.</li>
 *   <li>{@code optional:smkit:...}: a secret Secrets Manager does not know (ResourceNotFoundException) is skipped.
 *       Without {@code optional:} startup fails with a message naming the secret. Any other failure (throttling,
 *       no network, access denied) fails startup in both cases, naming the secret and the error code.</li>
 *   <li>A secret holding a JSON object yields one property per leaf: nested objects joined with dots, arrays as
 *       {@code [i]}, numbers and booleans as text, {@code null} as empty text. {@code ?prefix=app.db.} (default
 *       {@code smkit.config.prefix}, itself empty by default) is put before every name.</li>
 *   <li>Any other string (a password, a token, a JSON value that is not an object) is one property named
 *       prefix + key, where key is {@code ?key=}, else {@code smkit.config.plain-key}, else the secret ID as written.
 *       A value that fails to parse as JSON is taken as plain text, silently.</li>
 *   <li>A binary secret fails startup: only string secrets can become properties.</li>
 * </ul>
 * Each secret becomes one property source named {@code smkit:<secret-id>} (with its {@code ?prefix=}/{@code key=}
 * when set); its {@code toString()} lists property names, never values.
 *
 * <h2>Cache</h2>
 * The import builds the cache from {@code smkit.cache.*} and {@code spring.cloud.aws.*} as known at that point, and
 * hands it to the application context as the bean {@code smkitSecretCache}; the auto-configured cache bean then backs
 * off, so the application and the import share one cache. The context closes it.
 *
 * <h2>New versions</h2>
 * {@link dev.smkit.spring.boot.config.SmkitConfigImportRefresher} checks imported secrets every
 * {@code smkit.config.check-interval} (default 60s; 0 turns it off) and publishes
 * {@link dev.smkit.spring.boot.config.SecretPropertiesChangedEvent}. Constructor-bound
 * {@code @ConfigurationProperties} (records, immutable classes) are not rebound; beans that copied a value at startup
 * (a {@code @Value} field, a built client) keep it: listen for the event to rebuild them.
 *
 * <p>Spring Boot's own report of a property that fails to convert (for example text bound to an {@code int}) quotes
 * the offending value; that report is Boot's and also applies to imported values.
 */
package dev.smkit.spring.boot.config;
