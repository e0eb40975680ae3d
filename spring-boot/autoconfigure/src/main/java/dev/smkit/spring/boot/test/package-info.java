/**
 * Test support: {@link dev.smkit.spring.boot.test.AutoConfigureSecretsManagerEmulator} runs a
 * {@code @SpringBootTest} against smkit's in-process Secrets Manager emulator, shared by the test JVM.
 */
package dev.smkit.spring.boot.test;
