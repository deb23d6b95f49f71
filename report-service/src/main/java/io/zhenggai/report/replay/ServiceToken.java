package io.zhenggai.report.replay;

import java.io.IOException;
import java.util.Optional;

/**
 * The bearer token report-service presents as itself (issue-service's role {@code journal-reader}) when a replay reads
 * issue-service's journal. The secret is never a command-line argument or a system property, where {@code ps} would
 * show it: it is read from a file ({@link TokenFile}) or obtained from an OIDC provider with client credentials
 * ({@link ClientCredentials}).
 */
public interface ServiceToken {

    /** The token to send now; empty when no identity is configured (the journal will then refuse the replay). */
    Optional<String> current() throws IOException, InterruptedException;

    /** Forgets a cached token, after the journal refused it: the next {@link #current()} gets a fresh one. */
    default void refused() {
    }

    /** No identity configured. */
    ServiceToken NONE = Optional::empty;

    /**
     * The identity {@code config} names: a token file, client credentials (the secret from its file, or else from
     * {@code environmentSecret}), or none. Naming both is refused: which one is meant would be a guess.
     */
    static ServiceToken of(JournalConfig config, String environmentSecret) {
        JournalConfig.Oidc oidc = config.oidc();
        if (config.tokenFile().isPresent() && oidc.tokenUrl().isPresent()) {
            throw new IllegalStateException("zhenggai.journal.token-file and zhenggai.journal.oidc.token-url are both "
                    + "set: configure one identity for reading the journal");
        }
        if (config.tokenFile().isPresent()) {
            return new TokenFile(config.tokenFile().get());
        }
        if (oidc.tokenUrl().isEmpty()) {
            return NONE;
        }
        String clientId = oidc.clientId().orElseThrow(() -> new IllegalStateException(
                "zhenggai.journal.oidc.client-id is required with zhenggai.journal.oidc.token-url"));
        ClientCredentials.Secret secret;
        if (oidc.clientSecretFile().isPresent()) {
            secret = new TokenFile(oidc.clientSecretFile().get())::read;
        } else if (environmentSecret != null && !environmentSecret.isBlank()) {
            secret = environmentSecret::strip;
        } else {
            throw new IllegalStateException("zhenggai.journal.oidc.client-secret-file or the environment variable "
                    + "ZHENGGAI_JOURNAL_CLIENT_SECRET is required with zhenggai.journal.oidc.token-url");
        }
        return new ClientCredentials(oidc.tokenUrl().get(), clientId, secret, oidc.scope().orElse(null),
                java.time.Clock.systemUTC());
    }
}
