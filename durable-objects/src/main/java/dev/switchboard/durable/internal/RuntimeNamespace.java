package dev.switchboard.durable.internal;

import dev.switchboard.durable.DurableObjectException;
import dev.switchboard.durable.DurableObjectId;
import dev.switchboard.durable.DurableObjectNamespace;
import dev.switchboard.durable.DurableObjectStub;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The ids and stubs of one binding. An id is 28 bytes of body and 4 bytes of a check derived from
 * the binding, so {@code idFromString} can tell an id of another namespace (S-ID-2, S-ID-3).
 */
final class RuntimeNamespace implements DurableObjectNamespace {

    private static final HexFormat HEX = HexFormat.of();
    private static final int BODY = 28;

    private final ObjectRegistry registry;
    private final String binding;

    RuntimeNamespace(ObjectRegistry registry, String binding) {
        this.registry = registry;
        this.binding = binding;
    }

    @Override
    public String bindingName() {
        return binding;
    }

    @Override
    public DurableObjectId idFromName(String name) {
        if (name == null) {
            throw new DurableObjectException(DurableObjectException.Code.INVALID_ARGUMENT,
                    "idFromName needs a name; use newUniqueId() for an object without one");
        }
        byte[] body = new byte[BODY];
        System.arraycopy(sha256("name\0" + binding + "\0" + name), 0, body, 0, BODY);
        return new DurableObjectId(withCheck(body), name);
    }

    @Override
    public DurableObjectId newUniqueId() {
        byte[] body = new byte[BODY];
        var random = registry.random();
        synchronized (random) {
            for (int i = 0; i < BODY; i += 4) {
                int r = random.nextInt();
                for (int j = 0; j < 4; j++) {
                    body[i + j] = (byte) (r >>> (8 * j));
                }
            }
        }
        return new DurableObjectId(withCheck(body), null);
    }

    @Override
    public DurableObjectId idFromString(String hex) {
        if (hex == null || !DurableObjectId.isHex64(hex)) {
            throw new DurableObjectException(DurableObjectException.Code.INVALID_ID,
                    "not a Durable Object id: " + (hex == null ? "null" : "\"" + abbreviate(hex) + "\"")
                            + "; an id is 64 lowercase hex characters, as given by id.toString()");
        }
        byte[] body = parseBody(hex);
        if (!withCheck(body).equals(hex)) {
            throw new DurableObjectException(DurableObjectException.Code.INVALID_ID,
                    "id " + hex.substring(0, 12) + "… does not belong to namespace \"" + binding
                            + "\"; make ids with this namespace's idFromName or newUniqueId");
        }
        return new DurableObjectId(hex, null);
    }

    @Override
    public DurableObjectStub get(DurableObjectId id) {
        if (id == null) {
            throw new DurableObjectException(DurableObjectException.Code.INVALID_ARGUMENT, "get(id) needs an id");
        }
        idFromString(id.toString()); // an id of another namespace is refused here, not at the first call
        return new RuntimeStub(registry, new ObjectKey(binding, id));
    }

    private String withCheck(byte[] body) {
        String bodyHex = HEX.formatHex(body);
        byte[] check = sha256("check\0" + binding + "\0" + bodyHex);
        return bodyHex + HEX.formatHex(check, 0, 4);
    }

    /**
     * The body bytes of an id already known to be 64 lowercase hex characters. A plain loop: every
     * {@code get(id)} checks its id, and {@code HexFormat.parseHex} was most of that check's cost.
     */
    private static byte[] parseBody(String hex) {
        byte[] body = new byte[BODY];
        for (int i = 0; i < BODY; i++) {
            body[i] = (byte) (Character.digit(hex.charAt(2 * i), 16) << 4 | Character.digit(hex.charAt(2 * i + 1), 16));
        }
        return body;
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }
}
