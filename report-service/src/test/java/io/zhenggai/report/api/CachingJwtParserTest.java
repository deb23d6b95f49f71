package io.zhenggai.report.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

/** A token is verified once and then served from the cache, only until it expires; a refused one is never kept. */
class CachingJwtParserTest {

    static final long NOW = 1_800_000_000L;

    /** A verifier that counts its calls: tokens "good-<exp>" verify with that exp, anything else is refused. */
    static final class CountingVerifier extends DefaultJWTParser {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public JsonWebToken parse(String token) throws ParseException {
            calls.incrementAndGet();
            if (!token.startsWith("good-")) {
                throw new ParseException("refused");
            }
            long exp = Long.parseLong(token.substring(5));
            return new JsonWebToken() {
                @Override
                public String getName() {
                    return "someone";
                }

                @Override
                public Set<String> getClaimNames() {
                    return Set.of("exp");
                }

                @Override
                @SuppressWarnings("unchecked")
                public <T> T getClaim(String claimName) {
                    return "exp".equals(claimName) ? (T) Long.valueOf(exp) : null;
                }

                @Override
                public long getExpirationTime() {
                    return exp;
                }
            };
        }
    }

    static final class MovingClock extends Clock {
        long second = NOW;

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochSecond(second);
        }
    }

    @Test
    void shouldVerifyATokenOnceUntilItExpires() throws Exception {
        CountingVerifier verifier = new CountingVerifier();
        MovingClock clock = new MovingClock();
        CachingJwtParser parser = new CachingJwtParser(verifier, clock);
        String token = "good-" + (NOW + 60);

        JsonWebToken first = parser.parse(token);
        assertThat(parser.parse(token)).isSameAs(first);
        assertThat(verifier.calls).hasValue(1);

        clock.second = NOW + 60; // expired: verified again (and the real verifier would refuse it then)
        parser.parse(token);
        assertThat(verifier.calls).hasValue(2);
    }

    @Test
    void shouldNeverKeepARefusedOrExpiredToken() throws Exception {
        CountingVerifier verifier = new CountingVerifier();
        CachingJwtParser parser = new CachingJwtParser(verifier, new MovingClock());
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> parser.parse("forged")).isInstanceOf(ParseException.class);
            parser.parse("good-" + (NOW - 1));
        }
        assertThat(verifier.calls).hasValue(4);
        assertThat(parser.size()).isZero();
    }

    @Test
    void shouldStayBoundedInSize() throws Exception {
        CachingJwtParser parser = new CachingJwtParser(new CountingVerifier(), new MovingClock());
        for (int i = 0; i < CachingJwtParser.MAX_ENTRIES + 10; i++) {
            parser.parse("good-" + (NOW + 1000 + i));
        }
        assertThat(parser.size()).isLessThanOrEqualTo(CachingJwtParser.MAX_ENTRIES);
    }
}
