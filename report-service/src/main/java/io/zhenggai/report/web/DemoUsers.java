package io.zhenggai.report.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.qute.TemplateData;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import io.zhenggai.report.api.Roles;

/**
 * The local run's demo users (each role, two units) and their tokens, signed with the local key pair's private key
 * ({@code zhenggai.web.demo-sign-in.key-file}) exactly as {@code deploy/local/token} signs them, so both services
 * accept them. Only when {@code zhenggai.web.demo-sign-in.enabled} is true: never in production.
 */
@ApplicationScoped
public class DemoUsers {

    /** A demo user: who, as which role, for which units. */
    @TemplateData
    public record DemoUser(String id, String name, String role, List<String> units, String description) {
        public String roleLabel() {
            return Session.label(role);
        }
    }

    public static final List<DemoUser> USERS = List.of(
            new DemoUser("office", "整改办 李明", Roles.OFFICE, List.of(), "台账、审核、导入与通报、指标"),
            new DemoUser("unit-party", "党政办公室 联络员", Roles.UNIT, List.of("党政办公室"), "本单位的待办与问题"),
            new DemoUser("unit-economy", "经济发展局 联络员", Roles.UNIT, List.of("经济发展局"), "本单位的待办与问题"),
            new DemoUser("leader", "张三", Roles.LEADER, List.of(), "阅看全部，批示自己牵头的问题"),
            new DemoUser("viewer", "查看人员", Roles.VIEWER, List.of(), "只读"),
            new DemoUser("operator", "运维值班员", Roles.OPERATOR, List.of(), "接收状态、死信、重放"));

    @Inject
    WebSettings settings;

    @ConfigProperty(name = "mp.jwt.verify.issuer")
    String issuer;

    @ConfigProperty(name = "mp.jwt.verify.audiences", defaultValue = "zhenggai")
    String audience;

    private volatile PrivateKey key;

    public boolean enabled() {
        return settings.demoSignIn().enabled() && settings.demoSignIn().keyFile().isPresent();
    }

    public Optional<DemoUser> byId(String id) {
        return USERS.stream().filter(u -> u.id().equals(id)).findFirst();
    }

    /** A token for the demo user, valid for the session's length. */
    public String token(DemoUser user) {
        if (!enabled()) {
            throw new IllegalStateException("demo sign-in is off");
        }
        Instant now = Instant.now();
        Duration length = settings.sessionLength();
        return Jwt.issuer(issuer).audience(audience.split(",")[0].strip()).subject("demo-" + user.id())
                .upn("demo-" + user.id()).claim("name", user.name()).groups(new LinkedHashSet<>(List.of(user.role())))
                .claim("units", user.units()).issuedAt(now).expiresAt(now.plus(length))
                .jws().algorithm(SignatureAlgorithm.RS256).sign(key());
    }

    private PrivateKey key() {
        if (key == null) {
            Path file = Path.of(settings.demoSignIn().keyFile().orElseThrow());
            try {
                key = KeyUtils.decodePrivateKey(Files.readString(file));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the demo sign-in key " + file, e);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("not a PEM private key: " + file, e);
            }
        }
        return key;
    }
}
