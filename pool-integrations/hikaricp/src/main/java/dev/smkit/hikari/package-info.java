/**
 * HikariCP with AWS Secrets Manager: a {@code HikariCredentialsProvider} backed by {@code SecretCache}, opt-in
 * soft eviction on rotation, and a pool factory from a secret ID.
 */
package dev.smkit.hikari;
