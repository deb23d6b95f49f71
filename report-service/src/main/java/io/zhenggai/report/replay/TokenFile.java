package io.zhenggai.report.replay;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A token (or a secret) kept in a file that only the service's user can read: read at each use and trimmed, so
 * that whoever writes it (the local launcher, a Kubernetes secret volume) can rotate it without a restart.
 */
final class TokenFile implements ServiceToken {

    private final Path file;

    TokenFile(Path file) {
        this.file = file;
    }

    @Override
    public Optional<String> current() throws IOException {
        return Optional.of(read());
    }

    /** The file's text without surrounding white space; an empty file is an error, not an anonymous call. */
    String read() throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) {
            throw new IOException(file + " is empty");
        }
        return text;
    }

    @Override
    public String toString() {
        return "token file " + file;
    }
}
