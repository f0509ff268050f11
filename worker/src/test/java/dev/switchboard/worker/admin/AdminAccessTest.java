package dev.switchboard.worker.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

// Who may use the admin API: anyone on loopback without a token, only token holders beyond it.
class AdminAccessTest {

    @Test
    void loopbackWithoutATokenLetsEveryoneIn() {
        for (String host : new String[] {"127.0.0.1", "localhost", "::1"}) {
            assertEquals(Optional.empty(), AdminAccess.forHost(host, null).refusal(null, null), host);
        }
    }

    @Test
    void beyondLoopbackWithoutATokenRefusesEveryoneAndSaysHowToTurnItOn() {
        var access = AdminAccess.forHost("0.0.0.0", null);
        assertTrue(access.refusal(null, null).orElseThrow().contains("--admin-token"));
        assertTrue(access.refusal("Bearer anything", null).isPresent());
    }

    @Test
    void aTokenIsNeededAsBearerOrQueryParameterWheneverOneIsSet() {
        for (String host : new String[] {"0.0.0.0", "127.0.0.1"}) {
            var access = AdminAccess.forHost(host, "s3cret");
            assertEquals(Optional.empty(), access.refusal("Bearer s3cret", null));
            assertEquals(Optional.empty(), access.refusal("bearer s3cret", null));
            assertEquals(Optional.empty(), access.refusal(null, "s3cret"));
            assertTrue(access.refusal(null, null).orElseThrow().contains("Bearer"));
            assertTrue(access.refusal("Bearer wrong", null).isPresent());
            assertTrue(access.refusal("Basic s3cret", "nope").isPresent());
        }
    }
}
