package dev.switchboard.worker;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

// WorkerServer.Builder refuses front-door settings that disagree, before anything starts.
class WorkerServerTest {

    private static WorkerServer.Builder builder() {
        return WorkerServer.builder().worker(new TestApp()).manualPasses();
    }

    @Test
    void anOutboundBudgetBelowTheMessageLimitIsRefusedNamingBothAndTheFix() {
        var refused = assertThrows(IllegalArgumentException.class,
                () -> builder().outboundBufferLimit(16L << 20).build()); // the default limit is 32 MiB

        assertTrue(refused.getMessage().contains("outboundBufferLimit (16777216 bytes)")
                && refused.getMessage().contains("maxMessageSize (33554432 bytes)")
                && refused.getMessage().contains("at least 33554496"), refused.getMessage());
    }

    @Test
    void aPartialMessageLimitBelowTheMessageLimitIsRefused() {
        var refused = assertThrows(IllegalArgumentException.class,
                () -> builder().maxMessageSize(1 << 20).partialMessageLimit(1 << 19).build());

        assertTrue(refused.getMessage().contains("partialMessageLimit"), refused.getMessage());
    }

    @Test
    void theDefaultBudgetFollowsARaisedMessageLimit() {
        // 64 MiB messages need more than the 48 MiB a fixed default would give; the default is derived
        try (var server = builder().maxMessageSize(64L << 20).port(0).build()) {
            assertTrue(server.port() < 0, "built, not started");
        }
    }

    @Test
    void maxConnectionsMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> builder().maxConnections(0));
    }
}
