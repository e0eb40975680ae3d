/**
 * A JUnit 5 extension that gives a test class a running emulator and a client, with state reset before each test.
 */
package dev.smkit.emulator.junit;
