/**
 * c3p0 with AWS Secrets Manager: a pool factory from a secret ID and opt-in soft reset on rotation.
 */
package dev.smkit.c3p0;
