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
    /** The audience both services require ({@code mp.jwt.verify.audiences}); a Keycloak client id in production. */
    public static final String AUDIENCE = "zhenggai";
    /** The role of report-service's own identity when it reads issue-service's journal for a replay. */
    public static final String JOURNAL_READER = "journal-reader";
    public static final List<String> ROLES = List.of("office", "unit", "leader", "viewer", "operator");
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

    /** The private key's PEM file: only report-service's local sign-in page reads it (demo users' tokens). */
    public Path privateKeyFile() {
        return directory.resolve(PRIVATE_KEY_FILE).toAbsolutePath();
    }

    public Path publicKeyFile() {
        return directory.resolve(PUBLIC_KEY_FILE).toAbsolutePath();
    }

    /**
     * A signed token for a caller, from this key pair's issuer, for the services' audience.
     *
     * @param subject the actor id recorded on every event
     * @param name    the caller's name; a {@code leader} acts on the issues whose lead leader has this name
     * @param groups  roles: office, unit, leader, viewer, operator (or journal-reader for report-service)
     * @param units   the responsible units of a {@code unit} user
     */
    public String token(String subject, String name, List<String> groups, List<String> units, Duration validity) {
        Instant now = Instant.now();
        return sign(claims(ISSUER, AUDIENCE, subject, name, groups, units, now, now.plus(validity)));
    }

    /** RS256 over any claims: tests use it for tokens that must be refused (expired, another issuer or audience). */
    public String sign(String claimsJson) {
        String signingInput = base64Url("{\"alg\":\"RS256\",\"typ\":\"JWT\"}") + "." + base64Url(claimsJson);
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(privateKey);
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot sign a token", e);
        }
    }

    /** The public key's PEM text: what an HMAC key-confusion forgery would use as its secret. */
    public String publicKeyPem() {
        try {
            return Files.readString(publicKeyFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The claims of a token as JSON: {@code iss}, {@code aud}, {@code sub}, {@code name}, {@code groups}, … */
    public static String claims(String issuer, String audience, String subject, String name, List<String> groups,
                                List<String> units, Instant issuedAt, Instant expiresAt) {
        return "{" + String.join(",",
                field("iss", issuer),
                field("aud", audience),
                field("sub", subject),
                field("upn", subject),
                field("name", name),
                "\"groups\":" + array(groups),
                "\"units\":" + array(units),
                field("jti", UUID.randomUUID().toString()),
                "\"iat\":" + issuedAt.getEpochSecond(),
                "\"exp\":" + expiresAt.getEpochSecond()) + "}";
    }

    /** A token with {@code alg: none} and an empty signature: every verifier must refuse it. */
    public static String unsigned(String claimsJson) {
        return base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + base64Url(claimsJson) + ".";
    }

    /** A token signed HS256 with {@code secret}: a verifier that expects RSA must refuse it. */
    public static String hmac(String claimsJson, byte[] secret) {
        String signingInput = base64Url("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + base64Url(claimsJson);
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(secret, "HmacSHA256"));
            return signingInput + "." + Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot sign a token", e);
        }
    }

    /**
     * Writes report-service's own token (role {@code journal-reader}, nothing else) to a file only its owner can
     * read, so that the secret is never on a command line; the service reads the file each time it calls.
     */
    public Path writeServiceToken(String fileName, Duration validity) {
        Path file = directory.resolve(fileName).toAbsolutePath();
        try {
            Path tmp = directory.resolve(fileName + ".tmp");
            Files.deleteIfExists(tmp);
            Files.createFile(tmp);
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // best effort on other file systems
            }
            Files.writeString(tmp, token("report-service", "报表服务（日志重放）", List.of(JOURNAL_READER), List.of(),
                    validity) + "\n");
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Prints a demo token: {@code <role> [unit | leader's name]} (deploy/local/token). */
    public static void main(String[] args) {
        if (args.length < 1) {
            System.err.println("usage: deploy/local/token <office|unit|leader|viewer|operator> [unit | leader's name]");
            System.exit(2);
        }
        String role = args[0];
        if (!ROLES.contains(role)) {
            System.err.println("unknown role " + role + ": office, unit, leader, viewer or operator");
            System.exit(2);
        }
        List<String> units = role.equals("unit") && args.length > 1 ? List.of(args[1]) : List.of();
        // a leader's second argument is its name: it acts on the issues it leads (牵头领导)
        String name = role.equals("leader") && args.length > 1 ? args[1] : "演示用户 " + role;
        if (role.equals("unit") && units.isEmpty()) {
            System.err.println("a unit token names its unit: deploy/local/token unit 党政办公室");
            System.exit(2);
        }
        Path directory = Path.of(System.getProperty("zhenggai.jwt.dir", ".local-data/jwt"));
        String subject = "demo-" + role + (args.length > 1 ? "-" + args[1] : "");
        System.out.println(loadOrCreate(directory).token(subject, name, List.of(role), units, Duration.ofHours(12)));
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
