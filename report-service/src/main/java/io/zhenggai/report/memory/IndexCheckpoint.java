package io.zhenggai.report.memory;

import java.io.EOFException;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;

import io.zhenggai.report.projection.IssueAttributes;
import io.zhenggai.report.projection.IssueState;
import io.zhenggai.report.projection.IssueStatus;
import io.zhenggai.report.projection.Measure;

/**
 * A checkpoint of an {@link IssueIndex} in a local file (issue 16): what lets a restart read the index back in seconds
 * and catch up from the change feed instead of reading the whole generation again. Only a cache: PostgreSQL stays the
 * record, and a file that is not exactly right for the database at hand is ignored (the caller then loads the whole
 * generation).
 * <p>
 * <b>Whose it is.</b> The header names the database cluster ({@code pg_control_system().system_identifier}, new with
 * every {@code initdb}), the generation (its schema, number and creation instant in {@code public.generation}) and
 * the change number the index holds, with the instant that change was logged when the log still has it, besides the
 * format's version and a fingerprint of the code that computed the stored columns ({@link #FINGERPRINT}). A file is
 * used only when all of them are those of the database at hand: a wiped local database whose {@code gen_1} reached a
 * higher number, another generation, a restored older copy of the database that logged other changes under the same
 * numbers, or a build that judges measures differently, all read the whole generation again.
 * <p>
 * <b>Never half a file.</b> A checkpoint is written to a temporary file in the same directory, forced to disk, renamed
 * over the previous one atomically, and the directory forced; its last bytes are the length and the CRC32C of
 * everything before them. Reading checks the CRC over the whole file before anything is parsed, then parses into a
 * new index that nobody sees until it is complete: a truncated, torn or corrupted file is ignored.
 */
final class IndexCheckpoint {

    /** Bumped with any change of what {@link IssueIndex#writeTo} writes or the header holds. */
    static final int FORMAT = 1;

    private static final long MAGIC = 0x5a47_4149_4458_4b50L; // "ZGAIDXKP"
    private static final Pattern SCHEMA = Pattern.compile("gen_[1-9][0-9]{0,8}");
    private static final String SUFFIX = ".checkpoint";
    private static final String TEMPORARY = ".tmp";
    /** The trailer: the length of what precedes it, and its CRC32C. */
    private static final int TRAILER = Long.BYTES + Integer.BYTES;

    /**
     * A fingerprint of the classes whose code gives the stored columns their meaning (the measures judged once and
     * kept, the status numbers, the layout): a build that changes any of them does not read an older build's file.
     */
    static final long FINGERPRINT = fingerprint(IssueIndex.class, IndexCheckpoint.class, Measure.class,
            IssueState.class, IssueStatus.class, IssueAttributes.class);

    private IndexCheckpoint() {
    }

    /**
     * Whose index a checkpoint is: the database cluster, the generation, the change number it holds.
     *
     * @param loggedAt when the change numbered {@code clock} was logged (µs since the epoch), or
     *                 {@link Long#MIN_VALUE} when the log does not hold it (pruned, or no change yet)
     */
    record Identity(long system, String schema, int generation, long createdAt, long clock, long loggedAt) {

        /** Whether a file of this identity may be applied to a database whose identity at our clock is {@code now}. */
        boolean matches(Identity now) {
            return system == now.system && schema.equals(now.schema) && generation == now.generation
                    && createdAt == now.createdAt && clock == now.clock
                    // the change at our clock logged at the same instant (when either side does not know it, the
                    // change feed's own check, that it holds every number after ours, decides)
                    && (loggedAt == Long.MIN_VALUE || now.loggedAt == Long.MIN_VALUE || loggedAt == now.loggedAt);
        }
    }

    /**
     * The identity the database gives a generation's index at change number {@code clock}; empty when the generation
     * is not in {@code public.generation}. Plain JDBC on the caller's connection and transaction.
     */
    static Optional<Identity> identity(Connection connection, String schema, long clock) throws SQLException {
        if (!SCHEMA.matcher(schema).matches()) {
            throw new IllegalArgumentException("not a generation schema: " + schema);
        }
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT (SELECT system_identifier FROM pg_control_system()), g.number,
                       CAST(floor(extract(epoch FROM g.created_at) * 1000000) AS bigint),
                       (SELECT CAST(floor(extract(epoch FROM l.logged_at) * 1000000) AS bigint)
                        FROM %s.change_log l WHERE l.n = ?)
                FROM public.generation g WHERE g.schema_name = ?""".formatted(schema))) {
            statement.setLong(1, clock);
            statement.setString(2, schema);
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                long logged = rows.getLong(4);
                if (rows.wasNull()) {
                    logged = Long.MIN_VALUE;
                }
                return Optional.of(new Identity(rows.getLong(1), schema, rows.getInt(2), rows.getLong(3), clock,
                        logged));
            }
        }
    }

    /** The file of a generation's checkpoint in {@code directory}. */
    static Path file(Path directory, String schema) {
        if (!SCHEMA.matcher(schema).matches()) {
            throw new IllegalArgumentException("not a generation schema: " + schema);
        }
        return directory.resolve("issues-" + schema + SUFFIX);
    }

    /**
     * Writes {@code index} as the checkpoint of its generation in {@code directory} (created if need be), replacing
     * the previous one only once the new one is whole on disk; returns its size in bytes. The temporary file is
     * removed when anything fails.
     */
    static long write(Path directory, IssueIndex index, Identity identity) throws IOException {
        if (!identity.schema().equals(index.schema()) || identity.clock() != index.clock()) {
            throw new IllegalArgumentException("identity " + identity + " is not the index's");
        }
        Files.createDirectories(directory);
        Path target = file(directory, index.schema());
        Path temporary = Files.createTempFile(directory, target.getFileName().toString() + ".", TEMPORARY);
        try {
            long length;
            // a stream, not a channel: an interrupted thread would close a channel in the middle of the file
            try (FileOutputStream stream = new FileOutputStream(temporary.toFile())) {
                Out out = new Out(stream);
                out.longValue(MAGIC);
                out.intValue(FORMAT);
                out.longValue(FINGERPRINT);
                out.longValue(identity.system());
                out.string(identity.schema());
                out.intValue(identity.generation());
                out.longValue(identity.createdAt());
                out.longValue(identity.clock());
                out.longValue(identity.loggedAt());
                index.writeTo(out);
                length = out.finish();
                stream.getFD().sync();
            }
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("cannot replace " + target + " atomically", e);
            }
            syncDirectory(directory);
            return length;
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** The identity a checkpoint file says it is of; empty when it is not a checkpoint of this format and build. */
    static Optional<Identity> header(Path file) throws IOException {
        try (InputStream stream = Files.newInputStream(file)) {
            In in = new In(stream, Files.size(file));
            return header(in);
        }
    }

    private static Optional<Identity> header(In in) throws IOException {
        if (in.longValue() != MAGIC || in.intValue() != FORMAT || in.longValue() != FINGERPRINT) {
            return Optional.empty();
        }
        return Optional.of(new Identity(in.longValue(), in.string(), in.intValue(), in.longValue(), in.longValue(),
                in.longValue()));
    }

    /**
     * The index a checkpoint file holds, when the file is whole (its CRC32C checks), of this format and build, and of
     * {@code expected} ({@link Identity#matches}); empty otherwise (the reason in the exception or the log of the
     * caller). Nothing is parsed before the whole file is checked.
     */
    static IssueIndex read(Path file, Identity expected, int compactAbove) throws IOException {
        long size = Files.size(file);
        if (size < TRAILER) {
            throw new IOException(file + " is truncated (" + size + " bytes)");
        }
        // first the whole file against its checksum: what is parsed next is exactly what was written
        CRC32C crc = new CRC32C();
        ByteBuffer trailer = ByteBuffer.allocate(TRAILER);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
            long left = size - TRAILER;
            while (left > 0) {
                buffer.clear();
                if (buffer.remaining() > left) {
                    buffer.limit((int) left);
                }
                int read = channel.read(buffer);
                if (read < 0) {
                    throw new EOFException(file + " ended early");
                }
                buffer.flip();
                crc.update(buffer);
                left -= read;
            }
            while (trailer.hasRemaining()) {
                if (channel.read(trailer) < 0) {
                    throw new EOFException(file + " ended early");
                }
            }
        }
        trailer.flip();
        long length = trailer.getLong();
        int checksum = trailer.getInt();
        if (length != size - TRAILER || checksum != (int) crc.getValue()) {
            throw new IOException(file + " is torn or corrupted: its checksum does not match its content");
        }
        try (InputStream stream = Files.newInputStream(file)) {
            In in = new In(stream, size - TRAILER);
            Optional<Identity> identity = header(in);
            if (identity.isEmpty()) {
                throw new IOException(file + " is of another format or build");
            }
            if (!identity.get().matches(expected)) {
                throw new IOException(file + " is of " + identity.get() + ", not of " + expected);
            }
            IssueIndex index = IssueIndex.readFrom(in, compactAbove);
            if (!index.schema().equals(expected.schema()) || index.clock() != expected.clock()) {
                throw new IOException(file + " holds " + index.schema() + " at " + index.clock());
            }
            if (in.position() != size - TRAILER) {
                throw new IOException(file + " has " + (size - TRAILER - in.position()) + " bytes too many");
            }
            return index;
        }
    }

    /**
     * Removes temporary files a killed writer left and, unless {@code keep} is null, the checkpoints of generations
     * other than {@code keep}.
     */
    static List<Path> clean(Path directory, String keep) throws IOException {
        List<Path> removed = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return removed;
        }
        String kept = keep == null ? null : file(directory, keep).getFileName().toString();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "issues-gen_*")) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                boolean stale = name.endsWith(TEMPORARY) || kept != null && name.endsWith(SUFFIX) && !name.equals(kept);
                if (stale && Files.deleteIfExists(file)) {
                    removed.add(file);
                }
            }
        }
        return removed;
    }

    private static void syncDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // some file systems (and Windows) cannot open a directory: the rename is then as durable as they make it
            if (Files.isDirectory(directory) && !System.getProperty("os.name", "").startsWith("Windows")) {
                throw e;
            }
        }
    }

    private static long fingerprint(Class<?>... classes) {
        CRC32C crc = new CRC32C();
        for (Class<?> type : classes) {
            String name = type.getName().substring(type.getName().lastIndexOf('.') + 1) + ".class";
            crc.update(name.getBytes(StandardCharsets.UTF_8));
            try (InputStream stream = type.getResourceAsStream(name)) {
                if (stream != null) {
                    crc.update(stream.readAllBytes());
                }
            } catch (IOException e) {
                // an unreadable class file: only its name counts
            }
        }
        return (long) FORMAT << 32 | crc.getValue();
    }

    /** Writes primitives in big-endian order through a buffer, counting their CRC32C; strings by reference. */
    static final class Out {
        private final FileOutputStream stream;
        private final ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
        private final CRC32C crc = new CRC32C();
        private final Map<String, Integer> strings = new HashMap<>();
        private long written;

        Out(FileOutputStream stream) {
            this.stream = stream;
        }

        private void room(int bytes) throws IOException {
            if (buffer.remaining() < bytes) {
                flush();
            }
        }

        private void flush() throws IOException {
            crc.update(buffer.array(), 0, buffer.position());
            stream.write(buffer.array(), 0, buffer.position());
            written += buffer.position();
            buffer.clear();
        }

        void intValue(int value) throws IOException {
            room(Integer.BYTES);
            buffer.putInt(value);
        }

        void longValue(long value) throws IOException {
            room(Long.BYTES);
            buffer.putLong(value);
        }

        void bool(boolean value) throws IOException {
            room(1);
            buffer.put((byte) (value ? 1 : 0));
        }

        void uuid(UUID id) throws IOException {
            longValue(id.getMostSignificantBits());
            longValue(id.getLeastSignificantBits());
        }

        /** -1: null; n ≥ 0: the n-th string written; -2: a new string, its UTF-8 length and bytes follow. */
        void string(String text) throws IOException {
            if (text == null) {
                intValue(-1);
                return;
            }
            Integer known = strings.get(text);
            if (known != null) {
                intValue(known);
                return;
            }
            strings.put(text, strings.size());
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            intValue(-2);
            intValue(bytes.length);
            for (int at = 0; at < bytes.length; ) {
                room(1);
                int n = Math.min(buffer.remaining(), bytes.length - at);
                buffer.put(bytes, at, n);
                at += n;
            }
        }

        void strings(String[] texts) throws IOException {
            intValue(texts == null ? -1 : texts.length);
            if (texts != null) {
                for (String text : texts) {
                    string(text);
                }
            }
        }

        void ints(int[] values, int n) throws IOException {
            for (int i = 0; i < n; i++) {
                room(Integer.BYTES);
                buffer.putInt(values[i]);
            }
        }

        void longs(long[] values, int n) throws IOException {
            for (int i = 0; i < n; i++) {
                room(Long.BYTES);
                buffer.putLong(values[i]);
            }
        }

        void bytes(byte[] values, int n) throws IOException {
            for (int at = 0; at < n; ) {
                room(1);
                int k = Math.min(buffer.remaining(), n - at);
                buffer.put(values, at, k);
                at += k;
            }
        }

        /** Writes the trailer (length and CRC32C of everything before it); returns the file's length. */
        long finish() throws IOException {
            flush();
            long length = written;
            int checksum = (int) crc.getValue();
            buffer.putLong(length);
            buffer.putInt(checksum);
            stream.write(buffer.array(), 0, buffer.position());
            buffer.clear();
            return length + TRAILER;
        }
    }

    /** Reads what {@link Out} wrote, never past {@code limit} bytes, and no count larger than the bytes left. */
    static final class In {
        private final InputStream stream;
        private final long limit;
        private final ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
        private final List<String> strings = new ArrayList<>();
        private long consumed;

        In(InputStream stream, long limit) {
            this.stream = stream;
            this.limit = limit;
            buffer.limit(0);
        }

        long position() {
            return consumed - buffer.remaining();
        }

        private void need(int bytes) throws IOException {
            if (buffer.remaining() >= bytes) {
                return;
            }
            buffer.compact();
            while (buffer.position() < bytes) {
                int room = (int) Math.min(buffer.remaining(), limit - consumed);
                if (room <= 0) {
                    throw new EOFException("the checkpoint ended early");
                }
                int read = stream.read(buffer.array(), buffer.position(), room);
                if (read < 0) {
                    throw new EOFException("the checkpoint ended early");
                }
                buffer.position(buffer.position() + read);
                consumed += read;
            }
            buffer.flip();
        }

        int intValue() throws IOException {
            need(Integer.BYTES);
            return buffer.getInt();
        }

        long longValue() throws IOException {
            need(Long.BYTES);
            return buffer.getLong();
        }

        boolean bool() throws IOException {
            need(1);
            byte value = buffer.get();
            if (value != 0 && value != 1) {
                throw new IOException("not a boolean: " + value);
            }
            return value == 1;
        }

        UUID uuid() throws IOException {
            return new UUID(longValue(), longValue());
        }

        /** A count of things of at least {@code bytes} each: never more than the bytes left could hold. */
        int count(int bytes) throws IOException {
            int n = intValue();
            if (n < 0 || (long) n * bytes > limit - position()) {
                throw new IOException("a count of " + n + " cannot be in the " + (limit - position())
                        + " bytes left");
            }
            return n;
        }

        String string() throws IOException {
            int code = intValue();
            if (code == -1) {
                return null;
            }
            if (code >= 0) {
                if (code >= strings.size()) {
                    throw new IOException("string " + code + " was not written before");
                }
                return strings.get(code);
            }
            if (code != -2) {
                throw new IOException("not a string: " + code);
            }
            byte[] bytes = new byte[count(1)];
            for (int at = 0; at < bytes.length; ) {
                need(1);
                int n = Math.min(buffer.remaining(), bytes.length - at);
                buffer.get(bytes, at, n);
                at += n;
            }
            String text = new String(bytes, StandardCharsets.UTF_8);
            strings.add(text);
            return text;
        }

        String[] strings() throws IOException {
            int n = intValue();
            if (n == -1) {
                return null;
            }
            if (n < 0 || (long) n * Integer.BYTES > limit - position()) {
                throw new IOException("an array of " + n + " strings cannot be in the bytes left");
            }
            String[] texts = new String[n];
            for (int i = 0; i < n; i++) {
                texts[i] = string();
            }
            return texts;
        }

        void ints(int[] values, int n) throws IOException {
            for (int i = 0; i < n; i++) {
                need(Integer.BYTES);
                values[i] = buffer.getInt();
            }
        }

        void longs(long[] values, int n) throws IOException {
            for (int i = 0; i < n; i++) {
                need(Long.BYTES);
                values[i] = buffer.getLong();
            }
        }

        void bytes(byte[] values, int n) throws IOException {
            for (int at = 0; at < n; ) {
                need(1);
                int k = Math.min(buffer.remaining(), n - at);
                buffer.get(values, at, k);
                at += k;
            }
        }
    }
}
