package io.zhenggai.report.replay;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/** Journal configurations as properties would give them, for building a {@link ServiceToken} the way the service does. */
final class JournalIdentities {

    private JournalIdentities() {
    }

    static JournalConfig tokenFile(Path file) {
        return config(Optional.of(file), Optional.empty(), Optional.empty(), Optional.empty());
    }

    static JournalConfig clientCredentials(URI tokenUrl, String clientId, Path secretFile) {
        return config(Optional.empty(), Optional.of(tokenUrl), Optional.of(clientId), Optional.ofNullable(secretFile));
    }

    static JournalConfig config(Optional<Path> tokenFile, Optional<URI> tokenUrl, Optional<String> clientId,
                                Optional<Path> secretFile) {
        JournalConfig.Oidc oidc = new JournalConfig.Oidc() {
            @Override
            public Optional<URI> tokenUrl() {
                return tokenUrl;
            }

            @Override
            public Optional<String> clientId() {
                return clientId;
            }

            @Override
            public Optional<Path> clientSecretFile() {
                return secretFile;
            }

            @Override
            public Optional<String> scope() {
                return Optional.empty();
            }
        };
        return new JournalConfig() {
            @Override
            public URI url() {
                return URI.create("http://127.0.0.1:8080");
            }

            @Override
            public int pageSize() {
                return 1000;
            }

            @Override
            public Optional<Path> tokenFile() {
                return tokenFile;
            }

            @Override
            public Oidc oidc() {
                return oidc;
            }
        };
    }
}
