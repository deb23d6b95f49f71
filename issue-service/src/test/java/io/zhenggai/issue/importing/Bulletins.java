package io.zhenggai.issue.importing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test inputs: the seed bulletin in the repository's seeds/ folder, and the small bulletins under test resources. */
final class Bulletins {

    static final String SEED = "dongying-edz-rectification-2023-05-10";

    private Bulletins() {
    }

    /** The repository's seeds/ folder, found upwards from the working directory (the module, under Maven). */
    static Path seeds() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path seeds = dir.resolve("seeds");
            if (Files.isDirectory(seeds)) {
                return seeds;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("no seeds/ folder above " + Path.of("").toAbsolutePath());
    }

    static String seedText() {
        try {
            return Files.readString(seeds().resolve(SEED + ".txt"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String resource(String name) {
        return read("/bulletins/" + name);
    }

    /** A text of the corpus that is meant to be refused: kept apart, so that a round trip of the corpus skips it. */
    static String refused(String name) {
        return read("/bulletins-refused/" + name);
    }

    private static String read(String name) {
        try (InputStream in = Bulletins.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test bulletin " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
