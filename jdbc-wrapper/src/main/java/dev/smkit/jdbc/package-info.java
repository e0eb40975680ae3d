/**
 * What pool integrations and applications may use of the drivers' machinery: the drivers' shared
 * {@code SecretCache}, the engine table's wrapper class names, and parsed database secrets.
 */
package dev.smkit.jdbc;
