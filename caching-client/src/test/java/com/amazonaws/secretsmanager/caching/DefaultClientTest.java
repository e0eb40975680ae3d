package com.amazonaws.secretsmanager.caching;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Tests of clients the cache builds itself: the SDK's default chains point at the emulator during each test. */
abstract class DefaultClientTest extends EmulatorTest {

    private DefaultChains defaultChains;

    @BeforeEach
    void pointTheDefaultChainsAtTheEmulator() {
        defaultChains = DefaultChains.pointedAt(emulator);
    }

    @AfterEach
    void restoreTheDefaultChains() {
        defaultChains.close();
    }
}
