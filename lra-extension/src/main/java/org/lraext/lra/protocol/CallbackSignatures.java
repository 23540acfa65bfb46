package org.lraext.lra.protocol;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed participant callbacks: the callback URLs a participant registers carry an HMAC-SHA256 over the LRA id and
 * the participant, so that only the coordinator the participant joined with (which alone was told the URLs) can
 * call them, and only for that LRA.
 * <p>
 * New joins are signed with the current key; callbacks are accepted when signed with the current key or one of the
 * previous keys, so keys can be rotated without failing the callbacks of LRAs joined before the rotation.
 */
public final class CallbackSignatures {

    /** The query parameter that carries the signature in registered callback URLs. */
    public static final String PARAMETER = "lra-sig";
    /** The shortest key accepted: 32 characters, i.e. at least 128 bits of a random base64 string. */
    public static final int MIN_KEY_LENGTH = 32;

    private static final String ALGORITHM = "HmacSHA256";

    private final Mac current;
    private final List<Mac> accepted;

    /**
     * @param key the key new joins are signed with
     * @param previous keys still accepted on callbacks (rotation), possibly empty
     * @throws IllegalArgumentException when a key is shorter than {@link #MIN_KEY_LENGTH}
     */
    public CallbackSignatures(String key, List<String> previous) {
        this.current = mac(key, "the signing key");
        List<Mac> all = new ArrayList<>();
        all.add(current);
        for (int i = 0; i < previous.size(); i++) {
            all.add(mac(previous.get(i), "previous signing key #" + (i + 1)));
        }
        this.accepted = List.copyOf(all);
    }

    private static Mac mac(String key, String what) {
        if (key == null || key.length() < MIN_KEY_LENGTH) {
            throw new IllegalArgumentException(what + " must be at least " + MIN_KEY_LENGTH
                    + " characters long (e.g. the output of `openssl rand -base64 32`)");
        }
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), ALGORITHM));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is not available", e);
        }
    }

    /** The signature for one participant in one LRA, URL-safe base64 without padding. */
    public String sign(String lra, String participant) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest(current, lra, participant));
    }

    /** Whether {@code signature} was made by {@link #sign} with the current or a previous key. */
    public boolean verify(String signature, String lra, String participant) {
        if (signature == null || lra == null || signature.length() > 64) {
            return false;
        }
        byte[] given;
        try {
            given = Base64.getUrlDecoder().decode(signature);
        } catch (IllegalArgumentException e) {
            return false;
        }
        for (Mac key : accepted) {
            if (MessageDigest.isEqual(given, digest(key, lra, participant))) {
                return true;
            }
        }
        return false;
    }

    private static byte[] digest(Mac prototype, String lra, String participant) {
        Mac mac;
        try {
            // an initialised Mac is not thread-safe; its clone is, for this caller, and costs no provider look-up
            mac = (Mac) prototype.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
        mac.update(lra.getBytes(StandardCharsets.UTF_8));
        mac.update((byte) '\n');
        return mac.doFinal(participant.getBytes(StandardCharsets.UTF_8));
    }
}
