/**
 * The one-command rotation demo ({@link dev.smkit.samples.demo.RotationDemo}): an embedded database, the Secrets
 * Manager emulator, a HikariCP pool on the smkit wrapper driver and password rotations under load.
 */
package dev.smkit.samples.demo;
