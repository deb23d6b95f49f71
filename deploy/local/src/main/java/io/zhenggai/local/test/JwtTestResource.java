package io.zhenggai.local.test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zhenggai.local.JwtKeys;

/**
 * A key pair for the test JVM: the service verifies with its public key, tests mint tokens with {@link #token} and
 * forge the ones a service must refuse with {@link #forged}.
 */
public class JwtTestResource implements QuarkusTestResourceLifecycleManager {

    /** The skew the services are configured with in tests; an expired token is older than this. */
    public static final int CLOCK_SKEW_SECONDS = 30;

    private static JwtKeys keys;
    private static JwtKeys otherKeys;

    /** Tokens every service must refuse with 401, each for one reason. */
    public enum Forgery {
        /** expired longer ago than the allowed clock skew */
        EXPIRED,
        /** signed by the right key for another issuer */
        WRONG_ISSUER,
        /** signed by the right key for another audience */
        WRONG_AUDIENCE,
        /** right claims, signed by a key the service does not trust */
        OTHER_KEY,
        /** {@code alg: none}, no signature */
        ALG_NONE,
        /** HS256 with the public key as the secret (the key-confusion attack) */
        HMAC
    }

    public static synchronized JwtKeys keys() {
        if (keys == null) {
            keys = JwtKeys.loadOrCreate(Path.of("target", "jwt").toAbsolutePath());
        }
        return keys;
    }

    private static synchronized JwtKeys otherKeys() {
        if (otherKeys == null) {
            otherKeys = JwtKeys.loadOrCreate(Path.of("target", "jwt-other").toAbsolutePath());
        }
        return otherKeys;
    }

    /** A bearer token for a test caller with one role (and, for a {@code unit} caller, its units). */
    public static String token(String subject, String role, String... units) {
        return named(subject, "测试用户 " + subject, role, units);
    }

    /** A bearer token with a given {@code name} claim: a {@code leader} acts on the issues it leads by this name. */
    public static String named(String subject, String name, String role, String... units) {
        return keys().token(subject, name, List.of(role), List.of(units), Duration.ofHours(1));
    }

    /** A token that must be refused (401), otherwise like {@link #token} for an {@code office} caller. */
    public static String forged(Forgery forgery) {
        Instant now = Instant.now();
        String subject = "forger";
        List<String> office = List.of("office");
        Instant later = now.plus(Duration.ofHours(1));
        return switch (forgery) {
            case EXPIRED -> keys().sign(JwtKeys.claims(JwtKeys.ISSUER, JwtKeys.AUDIENCE, subject, subject, office,
                    List.of(), now.minus(Duration.ofHours(2)),
                    now.minusSeconds(CLOCK_SKEW_SECONDS * 4L)));
            case WRONG_ISSUER -> keys().sign(JwtKeys.claims("https://attacker.example", JwtKeys.AUDIENCE, subject,
                    subject, office, List.of(), now, later));
            case WRONG_AUDIENCE -> keys().sign(JwtKeys.claims(JwtKeys.ISSUER, "another-system", subject, subject,
                    office, List.of(), now, later));
            case OTHER_KEY -> otherKeys().token(subject, subject, office, List.of(), Duration.ofHours(1));
            case ALG_NONE -> JwtKeys.unsigned(JwtKeys.claims(JwtKeys.ISSUER, JwtKeys.AUDIENCE, subject, subject,
                    office, List.of(), now, later));
            case HMAC -> JwtKeys.hmac(JwtKeys.claims(JwtKeys.ISSUER, JwtKeys.AUDIENCE, subject, subject, office,
                    List.of(), now, later), keys().publicKeyPem().getBytes(StandardCharsets.US_ASCII));
        };
    }

    @Override
    public Map<String, String> start() {
        return Map.of(
                "mp.jwt.verify.publickey.location", keys().publicKeyFile().toUri().toString(),
                "mp.jwt.verify.issuer", JwtKeys.ISSUER,
                "mp.jwt.verify.audiences", JwtKeys.AUDIENCE,
                "mp.jwt.verify.clock.skew", String.valueOf(CLOCK_SKEW_SECONDS));
    }

    @Override
    public void stop() {
        // the keys stay for the JVM
    }
}
