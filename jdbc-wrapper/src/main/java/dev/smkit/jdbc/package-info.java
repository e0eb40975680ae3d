/**
 * What pool integrations and applications may use of the drivers' machinery: the drivers' shared
 * {@code SecretCache}, the engine table's wrapper class names, parsed database secrets and the login counters.
 */
package dev.smkit.jdbc;
