package io.zhenggai.report.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

/** The remembered verifications, against a stand-in verifier that counts what it is asked and refuses on demand. */
class VerifiedTokensTest {

    private static final long NOW = 1_800_000_000L;

    /** Accepts a token "t…" until the second given in {@link #expiry}, refuses everything else and what it revoked. */
    static class Verifier extends DefaultJWTParser {
        final List<String> asked = new ArrayList<>();
        final Map<String, Long> expiry = new HashMap<>();
        long now = NOW;

        @Override
        public JsonWebToken parse(String token) throws ParseException {
            asked.add(token);
            Long exp = expiry.get(token);
            if (exp == null || now >= exp) {
                throw new ParseException("refused: " + token);
            }
            return new Token(token, exp);
        }
    }

    record Token(String name, long exp) implements JsonWebToken {
        @Override
        public String getName() {
            return name;
        }

        @Override
        public Set<String> getClaimNames() {
            return Set.of("exp");
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T getClaim(String claim) {
            return "exp".equals(claim) ? (T) Long.valueOf(exp) : null;
        }
    }

    private final Verifier verifier = new Verifier();
    private final VerifiedTokens tokens = new VerifiedTokens();

    @BeforeEach
    void wire() {
        tokens.verifier = verifier;
        at(NOW);
    }

    private void at(long second) {
        verifier.now = second;
        tokens.clock = Clock.fixed(Instant.ofEpochSecond(second), ZoneOffset.UTC);
    }

    @Test
    void shouldVerifyATokenOnceAndAnswerItsLaterRequestsFromMemory() throws ParseException {
        verifier.expiry.put("t1", NOW + 3600);
        JsonWebToken first = tokens.parse("t1");
        at(NOW + 3599);
        JsonWebToken again = tokens.parse("t1");
        assertThat(again).isSameAs(first);
        assertThat(verifier.asked).containsExactly("t1");
    }

    @Test
    void shouldVerifyAgainAndRefuseOnceTheTokenExpired() throws ParseException {
        verifier.expiry.put("t1", NOW + 60);
        tokens.parse("t1");
        at(NOW + 60);
        assertThatThrownBy(() -> tokens.parse("t1")).isInstanceOf(ParseException.class);
        assertThat(verifier.asked).containsExactly("t1", "t1");
        assertThat(tokens.remembers("t1")).isFalse();
    }

    @Test
    void shouldNeverRememberARefusedToken() {
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> tokens.parse("forged")).isInstanceOf(ParseException.class);
        }
        assertThat(verifier.asked).containsExactly("forged", "forged", "forged");
        assertThat(tokens.remembered()).isZero();
    }

    @Test
    void shouldNotRememberATokenWithoutAnExpiry() throws ParseException {
        verifier.expiry.put("t0", Long.MAX_VALUE);
        // a verifier that accepts a token without exp hands back 0 as its expiration time
        tokens.verifier = new Verifier() {
            @Override
            public JsonWebToken parse(String token) {
                asked.add(token);
                return new Token(token, 0);
            }
        };
        tokens.parse("t0");
        assertThat(tokens.remembers("t0")).isFalse();
    }

    @Test
    void shouldKeepAtMostItsCapacity() throws ParseException {
        for (int i = 0; i <= VerifiedTokens.CAPACITY; i++) {
            verifier.expiry.put("t" + i, NOW + 3600);
            tokens.parse("t" + i);
        }
        assertThat(tokens.remembered()).isBetween(1, VerifiedTokens.CAPACITY);
        assertThat(tokens.remembers("t" + VerifiedTokens.CAPACITY)).isTrue();
    }
}
