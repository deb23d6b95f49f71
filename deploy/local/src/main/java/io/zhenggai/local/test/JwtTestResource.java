package io.zhenggai.local.test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zhenggai.local.JwtKeys;

/** A key pair for the test JVM: the service verifies with its public key, tests mint tokens with {@link #token}. */
public class JwtTestResource implements QuarkusTestResourceLifecycleManager {

    private static JwtKeys keys;

    public static synchronized JwtKeys keys() {
        if (keys == null) {
            keys = JwtKeys.loadOrCreate(Path.of("target", "jwt").toAbsolutePath());
        }
        return keys;
    }

    /** A bearer token for a test caller with one role. */
    public static String token(String subject, String role, String... units) {
        return keys().token(subject, "测试用户 " + subject, List.of(role), List.of(units), Duration.ofHours(1));
    }

    @Override
    public Map<String, String> start() {
        return Map.of(
                "mp.jwt.verify.publickey.location", keys().publicKeyFile().toUri().toString(),
                "mp.jwt.verify.issuer", JwtKeys.ISSUER);
    }

    @Override
    public void stop() {
        // the keys stay for the JVM
    }
}
