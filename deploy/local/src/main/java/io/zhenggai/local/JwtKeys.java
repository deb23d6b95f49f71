package io.zhenggai.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * An RSA key pair for signing demo and test tokens, and RS256 signing with the JDK alone. The services only ever
 * see the public key ({@code mp.jwt.verify.publickey.location}), so any OIDC provider can issue tokens in
 * production. Keys are created on first use and never committed.
 */
public final class JwtKeys {

    public static final String ISSUER = "https://zhenggai.local";
    public static final String PUBLIC_KEY_FILE = "public.pem";
    public static final String PRIVATE_KEY_FILE = "private.pem";

    private final Path directory;
    private final PrivateKey privateKey;

    private JwtKeys(Path directory, PrivateKey privateKey) {
        this.directory = directory;
        this.privateKey = privateKey;
    }

    /** Loads the key pair in {@code directory}, creating it first if it does not exist. */
    public static JwtKeys loadOrCreate(Path directory) {
        try {
            Files.createDirectories(directory);
            Path privatePem = directory.resolve(PRIVATE_KEY_FILE);
            if (!Files.exists(privatePem)) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                KeyPair pair = generator.generateKeyPair();
                Files.writeString(directory.resolve(PUBLIC_KEY_FILE), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
                Path tmp = directory.resolve(PRIVATE_KEY_FILE + ".tmp");
                Files.writeString(tmp, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
                try {
                    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException notPosix) {
                    // best effort on other file systems
                }
                Files.move(tmp, privatePem);
            }
            String body = Files.readString(privatePem).replaceAll("-----[A-Z ]+-----|\\s", "");
            PrivateKey key = KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
            return new JwtKeys(directory, key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot create or read the JWT keys in " + directory, e);
        }
    }

    public Path publicKeyFile() {
        return directory.resolve(PUBLIC_KEY_FILE).toAbsolutePath();
    }

    /**
     * A signed token for a caller.
     *
     * @param subject the actor id recorded on every event
     * @param groups  roles: office, unit, leader, viewer, operator
     * @param units   the responsible units of a {@code unit} user
     */
    public String token(String subject, String name, List<String> groups, List<String> units, Duration validity) {
        Instant now = Instant.now();
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
        String payload = "{" + String.join(",",
                field("iss", ISSUER),
                field("sub", subject),
                field("upn", subject),
                field("name", name),
                "\"groups\":" + array(groups),
                "\"units\":" + array(units),
                field("jti", UUID.randomUUID().toString()),
                "\"iat\":" + now.getEpochSecond(),
                "\"exp\":" + now.plus(validity).getEpochSecond()) + "}";
        String signingInput = base64Url(header) + "." + base64Url(payload);
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(privateKey);
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot sign a token", e);
        }
    }

    /** Prints a demo token: {@code Tokens <role> [unit]} (deploy/local/token). */
    public static void main(String[] args) {
        if (args.length < 1) {
            System.err.println("usage: deploy/local/token <office|unit|leader|viewer|operator> [unit]");
            System.exit(2);
        }
        String role = args[0];
        if (!List.of("office", "unit", "leader", "viewer", "operator").contains(role)) {
            System.err.println("unknown role " + role + ": office, unit, leader, viewer or operator");
            System.exit(2);
        }
        List<String> units = args.length > 1 ? List.of(args[1]) : List.of();
        Path directory = Path.of(System.getProperty("zhenggai.jwt.dir", ".local-data/jwt"));
        String subject = "demo-" + role + (units.isEmpty() ? "" : "-" + units.get(0));
        System.out.println(loadOrCreate(directory).token(subject, "演示用户 " + role, List.of(role), units,
                Duration.ofHours(12)));
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    private static String base64Url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String field(String name, String value) {
        return "\"" + name + "\":" + quote(value);
    }

    private static String array(List<String> values) {
        return values.stream().map(JwtKeys::quote).collect(Collectors.joining(",", "[", "]"));
    }

    private static String quote(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
