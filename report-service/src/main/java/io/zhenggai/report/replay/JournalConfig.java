package io.zhenggai.report.replay;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Where a replay from the journal reads issue-service's {@code GET /api/journal}, and as whom: a token file, or OIDC
 * client credentials (the secret from a file or the environment variable {@code ZHENGGAI_JOURNAL_CLIENT_SECRET}).
 * A secret is never a property value itself: a property may end up on a command line. The former
 * {@code zhenggai.journal.token} is no property of this mapping, so a configuration still setting it fails at startup
 * (SRCFG00050) rather than carry a secret unnoticed.
 */
@ConfigMapping(prefix = "zhenggai.journal")
public interface JournalConfig {

    /** issue-service's base URL. */
    @WithDefault("http://127.0.0.1:8080")
    URI url();

    /** Journal entries per request. */
    @WithDefault("1000")
    int pageSize();

    /** A file holding report-service's bearer token (role journal-reader), read at each use. */
    Optional<Path> tokenFile();

    /** Client credentials at an OIDC provider, instead of a token file. */
    Oidc oidc();

    interface Oidc {

        /** The provider's token endpoint, e.g. https://sso.example/realms/zhenggai/protocol/openid-connect/token */
        Optional<URI> tokenUrl();

        /** The client, e.g. report-service. */
        Optional<String> clientId();

        /** A file holding the client secret; else the environment variable ZHENGGAI_JOURNAL_CLIENT_SECRET. */
        Optional<Path> clientSecretFile();

        /** Scopes to ask for, space-separated; none when left out. */
        Optional<String> scope();
    }
}
