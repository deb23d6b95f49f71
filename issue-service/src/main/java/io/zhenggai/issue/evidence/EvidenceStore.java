package io.zhenggai.issue.evidence;

import java.io.IOException;
import java.io.InputStream;

/**
 * Where the bytes of evidence live, addressed by their SHA-256 (content-addressed: the same bytes are kept once,
 * however many uploads bring them). The one seam between evidence and its storage: PostgreSQL by default
 * ({@link PostgresEvidenceStore}); an object store can take its place behind the same two calls.
 */
public interface EvidenceStore {

    /**
     * Starts storing a new file, inside the upload's transaction: the bytes are written as they arrive, and their
     * hash is known only at the end.
     */
    Pending create();

    /** The bytes stored under {@code sha256}, read as they are consumed. */
    InputStream open(String sha256) throws IOException;

    /** A file being stored. Either {@link #keep} or {@link #discard} ends it. */
    interface Pending {

        void write(byte[] bytes, int offset, int length);

        /**
         * Keeps what was written under its hash. When that hash is stored already, what was written is dropped and
         * the stored copy serves.
         *
         * @return whether the bytes were new to the store
         */
        boolean keep(String sha256, long size);

        /** Drops what was written: the upload was refused. */
        void discard();
    }
}
