package io.zhenggai.report.api;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.util.Map;
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
 * Verifies a bearer token once and keeps what it said until the token expires, instead of checking its signature and
 * claims again on every request (a client sends the same token many times). Only tokens that verified are kept; a
 * kept token is given out only before its {@code exp}, and the cache is emptied when it grows past
 * {@value #MAX_ENTRIES} entries. The signing key is read at startup only, so a token that verified stays valid.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class CachingJwtParser implements JWTParser {

    static final int MAX_ENTRIES = 10_000;

    private record Verified(JsonWebToken token, long expiresAtSecond) {
    }

    private final JWTParser delegate;
    private final Clock clock;
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    @Inject
    public CachingJwtParser(DefaultJWTParser delegate) {
        this(delegate, Clock.systemUTC());
    }

    CachingJwtParser(JWTParser delegate, Clock clock) {
        this.delegate = delegate;
        this.clock = clock;
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        long now = clock.millis() / 1000;
        Verified known = verified.get(token);
        if (known != null) {
            if (now < known.expiresAtSecond()) {
                return known.token();
            }
            verified.remove(token);
        }
        JsonWebToken parsed = delegate.parse(token);
        long expiresAt = parsed.getExpirationTime();
        if (expiresAt > now) {
            if (verified.size() >= MAX_ENTRIES) {
                verified.clear();
            }
            verified.put(token, new Verified(parsed, expiresAt));
        }
        return parsed;
    }

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return delegate.parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return delegate.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return delegate.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return delegate.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return delegate.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return delegate.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return delegate.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return delegate.parseOnly(token);
    }

    /** Kept for tests: how many verified tokens are held. */
    int size() {
        return verified.size();
    }
}
