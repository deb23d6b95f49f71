package io.zhenggai.report.api;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.SecretKey;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * The bearer tokens (and session cookies) already verified, so that a caller's repeated requests do not verify the
 * same RS256 signature again: about a third of a remembered summary's CPU was that verification. A token is
 * remembered by its exact text, only after the configured verifier accepted it (signature, issuer, audience, times),
 * and only until its own {@code exp}: from then on it is verified again, and refused as the verifier refuses it. A
 * token the verifier refuses is never remembered. At most {@link #CAPACITY} tokens are kept; when full, all are
 * forgotten at once (the next request of each verifies again).
 *
 * <p>What this gives up: nothing the verifier checks changes for a given token text before its {@code exp}, except a
 * change of the verification key, which the service reads once at start anyway.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class VerifiedTokens implements JWTParser {

    static final int CAPACITY = 4096;

    private record Verified(JsonWebToken token, long expiresAt) {
    }

    private final ConcurrentHashMap<String, Verified> verified = new ConcurrentHashMap<>();

    @Inject
    DefaultJWTParser verifier;

    Clock clock = Clock.systemUTC();

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        Verified known = verified.get(token);
        long now = clock.instant().getEpochSecond();
        if (known != null) {
            if (now < known.expiresAt()) {
                return known.token();
            }
            verified.remove(token, known);
        }
        JsonWebToken parsed = verifier.parse(token);
        remember(token, parsed, now);
        return parsed;
    }

    private void remember(String text, JsonWebToken token, long now) {
        long expiresAt = token.getExpirationTime();
        if (expiresAt <= now) {
            return;
        }
        if (verified.size() >= CAPACITY) {
            verified.clear();
        }
        verified.put(text, new Verified(token, expiresAt));
    }

    /** Whether this token's text is remembered as verified (for tests). */
    boolean remembers(String token) {
        return verified.containsKey(token);
    }

    /** How many verified tokens are remembered (for tests). */
    int remembered() {
        return verified.size();
    }

    // the rest is the verifier's, unremembered: these name their own keys or contexts

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return verifier.parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return verifier.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return verifier.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return verifier.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return verifier.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return verifier.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return verifier.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return verifier.parseOnly(token);
    }
}
