package io.zhenggai.issue.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Evidence bytes in PostgreSQL, as rows of {@value #CHUNK} bytes ({@code evidence_chunk}) under a blob
 * ({@code evidence_blob}, unique by SHA-256). Chunked {@code bytea} rather than large objects: both directions
 * stream in constant memory (one chunk at a time), a download reads each chunk in a short query of its own instead
 * of holding a transaction and a connection open while a slow client reads, a refused or failed upload leaves
 * nothing because its rows roll back with the upload's transaction (large objects outlive the rows that point at
 * them unless someone unlinks them), and it is plain SQL that backups, replicas and connection poolers already
 * handle.
 */
@ApplicationScoped
public class PostgresEvidenceStore implements EvidenceStore {

    /** 1 MiB: few rows per file, little memory per upload or download in flight. */
    static final int CHUNK = 1024 * 1024;

    @Inject
    EntityManager em;

    @Inject
    DataSource dataSource;

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public Pending create() {
        return new PendingChunks(UUID.randomUUID());
    }

    @Override
    public InputStream open(String sha256) throws IOException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT id, chunks FROM evidence_blob WHERE sha256 = ?")) {
            query.setString(1, sha256);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    throw new IOException("No evidence bytes are stored under " + sha256);
                }
                return new ChunkStream(row.getObject(1, UUID.class), row.getInt(2));
            }
        } catch (SQLException e) {
            throw new IOException("Could not read the evidence store", e);
        }
    }

    /** An upload's rows, written in its transaction as each chunk fills. */
    private final class PendingChunks implements Pending {

        private final UUID blob;
        private final byte[] buffer = new byte[CHUNK];
        private int filled;
        private int chunks;

        PendingChunks(UUID blob) {
            this.blob = blob;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            while (length > 0) {
                int take = Math.min(length, CHUNK - filled);
                System.arraycopy(bytes, offset, buffer, filled, take);
                filled += take;
                offset += take;
                length -= take;
                if (filled == CHUNK) {
                    flush();
                }
            }
        }

        private void flush() {
            if (filled == 0) {
                return;
            }
            em.createNativeQuery("INSERT INTO evidence_chunk (blob_id, n, data) VALUES (?1, ?2, ?3)")
                    .setParameter(1, blob)
                    .setParameter(2, chunks++)
                    .setParameter(3, filled == CHUNK ? buffer : Arrays.copyOf(buffer, filled))
                    .executeUpdate();
            filled = 0;
        }

        @Override
        public boolean keep(String sha256, long size) {
            flush();
            // Two uploads of the same bytes at once: the second waits on the unique index and then finds the first.
            boolean stored = em.createNativeQuery("""
                            INSERT INTO evidence_blob (id, sha256, size, chunks, stored_at) VALUES (?1, ?2, ?3, ?4, now())
                            ON CONFLICT (sha256) DO NOTHING""")
                    .setParameter(1, blob)
                    .setParameter(2, sha256)
                    .setParameter(3, size)
                    .setParameter(4, chunks)
                    .executeUpdate() == 1;
            if (!stored) {
                discard();
            }
            return stored;
        }

        @Override
        public void discard() {
            // within the upload's transaction: its rollback would drop these rows too, but a kept duplicate commits
            em.createNativeQuery("DELETE FROM evidence_chunk WHERE blob_id = ?1").setParameter(1, blob).executeUpdate();
        }
    }

    /** A blob's chunks, each read when the previous one is used up, with a connection of its own for that moment. */
    private final class ChunkStream extends InputStream {

        private final UUID blob;
        private final int chunks;
        private int next;
        private byte[] current = new byte[0];
        private int position;

        ChunkStream(UUID blob, int chunks) {
            this.blob = blob;
            this.chunks = chunks;
        }

        @Override
        public int read() throws IOException {
            if (!fill()) {
                return -1;
            }
            return current[position++] & 0xFF;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int take = Math.min(length, current.length - position);
            System.arraycopy(current, position, bytes, offset, take);
            position += take;
            return take;
        }

        private boolean fill() throws IOException {
            while (position == current.length) {
                if (next == chunks) {
                    return false;
                }
                current = chunk(next++);
                position = 0;
            }
            return true;
        }

        private byte[] chunk(int n) throws IOException {
            try (Connection connection = dataSource.getConnection();
                 PreparedStatement query = connection.prepareStatement(
                         "SELECT data FROM evidence_chunk WHERE blob_id = ? AND n = ?")) {
                query.setObject(1, blob);
                query.setInt(2, n);
                try (ResultSet row = query.executeQuery()) {
                    if (!row.next()) {
                        throw new IOException("Chunk " + n + " of blob " + blob + " is missing");
                    }
                    return row.getBytes(1);
                }
            } catch (SQLException e) {
                throw new IOException("Could not read the evidence store", e);
            }
        }
    }
}
