package io.zhenggai.report.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** report-service's identity towards issue-service's journal: a token file, or client credentials at a real endpoint. */
class ServiceTokenTest {

    @TempDir
    Path dir;

    /** A clock the test moves. */
    private static final class MovingClock extends Clock {
        Instant now = Instant.parse("2024-01-01T00:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void shouldReadTheTokenFileAtEachUseTrimmed() throws Exception {
        Path file = dir.resolve("report-service.token");
        Files.writeString(file, "  first-token\n");
        ServiceToken token = ServiceToken.of(JournalIdentities.tokenFile(file), null);
        assertThat(token.current()).contains("first-token");
        // rotated by whoever writes it: the next request carries the new one, without a restart
        Files.writeString(file, "second-token\n");
        assertThat(token.current()).contains("second-token");
    }

    @Test
    void shouldRefuseAnEmptyOrMissingTokenFileRatherThanCallWithoutOne() throws Exception {
        Path file = dir.resolve("empty.token");
        Files.writeString(file, "\n");
        assertThatThrownBy(() -> ServiceToken.of(JournalIdentities.tokenFile(file), null).current())
                .isInstanceOf(IOException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> ServiceToken.of(JournalIdentities.tokenFile(dir.resolve("none")), null).current())
                .isInstanceOf(IOException.class);
    }

    @Test
    void shouldKeepAnAccessTokenUntilShortlyBeforeItExpires() throws Exception {
        try (TokenEndpoint provider = new TokenEndpoint("report-service", "s3cret", "access-1", 300)) {
            MovingClock clock = new MovingClock();
            ClientCredentials token = new ClientCredentials(provider.url(), "report-service", () -> "s3cret", null,
                    clock);
            assertThat(token.current()).contains("access-1");
            clock.now = clock.now.plusSeconds(200);
            assertThat(token.current()).contains("access-1");
            assertThat(provider.issued.get()).isEqualTo(1);
            // 30 s before expiry it asks again
            provider.accessToken = "access-2";
            clock.now = clock.now.plusSeconds(71);
            assertThat(token.current()).contains("access-2");
            assertThat(provider.issued.get()).isEqualTo(2);
            // refused by the journal (revoked, say): a fresh one at once
            provider.accessToken = "access-3";
            token.refused();
            assertThat(token.current()).contains("access-3");
            assertThat(provider.issued.get()).isEqualTo(3);
        }
    }

    @Test
    void shouldRenewAShortLivedTokenAtHalfItsLife() throws Exception {
        try (TokenEndpoint provider = new TokenEndpoint("report-service", "s3cret", "short", 20)) {
            MovingClock clock = new MovingClock();
            ClientCredentials token = new ClientCredentials(provider.url(), "report-service", () -> "s3cret", null,
                    clock);
            token.current();
            clock.now = clock.now.plusSeconds(9);
            token.current();
            assertThat(provider.issued.get()).isEqualTo(1);
            clock.now = clock.now.plusSeconds(1);
            token.current();
            assertThat(provider.issued.get()).isEqualTo(2);
        }
    }

    @Test
    void shouldReadTheClientSecretFromItsFileAndSayWhatTheProviderRefused() throws Exception {
        Path secret = dir.resolve("client-secret");
        Files.writeString(secret, "wrong\n");
        try (TokenEndpoint provider = new TokenEndpoint("report-service", "s3cret", "access", 300)) {
            ServiceToken token = ServiceToken.of(JournalIdentities.clientCredentials(provider.url(), "report-service",
                    secret), null);
            assertThatThrownBy(token::current).isInstanceOf(IOException.class).hasMessageContaining("401")
                    .hasMessageContaining("invalid_client").hasMessageNotContaining("wrong");
            Files.writeString(secret, "s3cret\n");
            assertThat(token.current()).contains("access");
            assertThat(provider.refused.get()).isEqualTo(1);
        }
    }

    @Test
    void shouldTakeTheClientSecretFromTheEnvironmentWithoutASecretFile() throws Exception {
        try (TokenEndpoint provider = new TokenEndpoint("report-service", "s3cret", "access", 300)) {
            ServiceToken token = ServiceToken.of(JournalIdentities.clientCredentials(provider.url(), "report-service",
                    null), "s3cret");
            assertThat(token.current()).contains("access");
        }
    }

    @Test
    void shouldRefuseAnIdentityThatIsAmbiguousOrIncomplete() {
        java.net.URI url = java.net.URI.create("http://127.0.0.1:1/token");
        assertThatThrownBy(() -> ServiceToken.of(JournalIdentities.config(Optional.of(dir.resolve("t")),
                Optional.of(url), Optional.of("report-service"), Optional.empty()), "s"))
                .hasMessageContaining("both");
        assertThatThrownBy(() -> ServiceToken.of(JournalIdentities.clientCredentials(url, "report-service", null),
                null)).hasMessageContaining("ZHENGGAI_JOURNAL_CLIENT_SECRET");
        assertThatThrownBy(() -> ServiceToken.of(JournalIdentities.config(Optional.empty(), Optional.of(url),
                Optional.empty(), Optional.empty()), "s")).hasMessageContaining("client-id");
    }

    @Test
    void shouldRefuseTheFormerTokenPropertyRatherThanCarryASecretUnnoticed() {
        // a launcher still passing -Dzhenggai.journal.token=… would put the secret on a command line
        assertThatThrownBy(() -> new io.smallrye.config.SmallRyeConfigBuilder().withMapping(JournalConfig.class)
                .withDefaultValue("zhenggai.journal.token", "a-secret").build())
                .hasMessageContaining("zhenggai.journal.token");
        JournalConfig config = new io.smallrye.config.SmallRyeConfigBuilder().withMapping(JournalConfig.class)
                .withDefaultValue("zhenggai.journal.token-file", dir.resolve("t").toString()).build()
                .getConfigMapping(JournalConfig.class);
        assertThat(config.tokenFile()).contains(dir.resolve("t"));
    }

    @Test
    void shouldHaveNoIdentityWhenNoneIsConfigured() throws Exception {
        assertThat(ServiceToken.of(JournalIdentities.config(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty()), "ignored").current()).isEmpty();
    }
}
