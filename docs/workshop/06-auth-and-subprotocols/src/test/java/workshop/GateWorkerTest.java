package workshop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.switchboard.http.InMemoryWebSocket;
import dev.switchboard.http.Request;
import dev.switchboard.http.Response;
import dev.switchboard.junit.SwitchboardExtension;
import dev.switchboard.junit.TestRuntime;
import dev.switchboard.worker.UpgradeRefusedException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

// Lab 6, the handshake decides: no token, no socket; and both sides agree on one subprotocol.
class GateWorkerTest {

    // switchboard.jsonc sets ROOM_TOKEN to "workshop".
    @RegisterExtension
    static final SwitchboardExtension SB = SwitchboardExtension.fromConfig();

    private static final String BOTH = "chat.v1, chat.v2";

    @Test
    void aHandshakeWithoutATokenGets401AndNoRoomIsEverMade(TestRuntime sb) {
        Response answer = sb.fetch(handshake("/room/r/ws", BOTH));
        assertEquals(401, answer.status(), "no token: the worker must answer 401 before calling the room (TODO 1)");
        assertTrue(answer.text().contains("missing token"), answer.text());
        assertTrue(sb.listIds("ROOMS").isEmpty(), "a refused client must cost no object");
    }

    @Test
    void aWrongTokenGets401(TestRuntime sb) {
        Response answer = sb.fetch(handshake("/room/r/ws?token=guess", BOTH));
        assertEquals(401, answer.status(), "a wrong token: 401 (TODO 1)");
        assertTrue(answer.text().contains("wrong token"), answer.text());
        assertTrue(sb.listIds("ROOMS").isEmpty(), "a refused client must cost no object");
    }

    @Test
    void theTokenOpensTheDoorInTheQuery(TestRuntime sb) {
        InMemoryWebSocket ws = connect(sb, handshake("/room/r/ws?token=workshop", BOTH));
        ws.send("hello");
        assertEquals("hello", ws.receiveText(Duration.ofSeconds(10)));
        ws.close();
    }

    @Test
    void theTokenOpensTheDoorAsABearerHeader(TestRuntime sb) {
        InMemoryWebSocket ws = connect(sb, handshake("/room/r/ws", BOTH).withHeader("authorization", "Bearer workshop"));
        ws.close();
    }

    @Test
    void aClientSpeakingBothVersionsGetsTheNewest(TestRuntime sb) {
        InMemoryWebSocket ws = connect(sb, handshake("/room/r/ws?token=workshop", BOTH));
        assertEquals(Optional.of("chat.v2"), ws.protocol(), "the 101 must name the protocol chosen:"
                + " response.withHeader(\"sec-websocket-protocol\", \"chat.v2\") (TODO 3)");
        ws.close();
    }

    @Test
    void anOlderClientGetsTheVersionItSpeaks(TestRuntime sb) {
        InMemoryWebSocket ws = connect(sb, handshake("/room/r/ws?token=workshop", "chat.v1"));
        assertEquals(Optional.of("chat.v1"), ws.protocol(), "a client offering only chat.v1 gets chat.v1 (TODO 3)");
        ws.close();
    }

    @Test
    void aClientSpeakingNoneOfOursGets400NamingBoth(TestRuntime sb) {
        for (Request request : new Request[] {
                handshake("/room/r/ws?token=workshop", "mqtt"),
                Request.webSocketUpgrade(TestRuntime.ORIGIN + "/room/r/ws?token=workshop")}) {
            Response answer = sb.fetch(request);
            assertEquals(400, answer.status(), "a client that offers neither chat.v2 nor chat.v1 gets 400 (TODO 3)");
            assertTrue(answer.text().contains("chat.v2") && answer.text().contains("chat.v1"), answer.text());
        }
        assertTrue(sb.listIds("ROOMS").isEmpty(), "the choice is made in the worker, before the room is called");
    }

    /** A WebSocket handshake for {@code path} offering {@code protocols}. */
    private static Request handshake(String path, String protocols) {
        return Request.webSocketUpgrade(TestRuntime.ORIGIN + path).withHeader("sec-websocket-protocol", protocols);
    }

    private static InMemoryWebSocket connect(TestRuntime sb, Request request) {
        try {
            return sb.runtime().connect(request);
        } catch (UpgradeRefusedException e) {
            return fail("the handshake " + request.url() + " got " + e.status() + " \"" + e.body() + "\" instead of"
                    + " 101: read the token from ?token= or Authorization: Bearer (TODO 2), and call the room with"
                    + " withoutCredentials(request) (TODO 1)");
        }
    }
}
