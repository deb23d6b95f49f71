package io.zhenggai.issue.evidence;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import javax.imageio.ImageIO;

/** Files of every accepted type, small and real enough for their checks, and large ones made on the fly. */
public final class Files {

    public static final String PDF = "application/pdf";
    public static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private Files() {
    }

    /** A PDF of about {@code size} bytes: a header, pseudo-random bytes from {@code seed}, a trailer. */
    public static byte[] pdf(int size, long seed) {
        try (InputStream in = new Generated(size, seed)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] png() {
        return image("png");
    }

    public static byte[] jpeg() {
        return image("jpeg");
    }

    public static byte[] gif() {
        return image("gif");
    }

    /** A WebP container's header with a few bytes of a lossy frame: what its check reads. */
    public static byte[] webp() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("RIFF".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(new byte[]{26, 0, 0, 0});
        out.writeBytes("WEBPVP8 ".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(new byte[]{14, 0, 0, 0, 0x30, 0x01, 0x00, (byte) 0x9d, 0x01, 0x2a, 1, 0, 1, 0, 0, 0, 0, 0});
        return out.toByteArray();
    }

    public static byte[] docx() {
        return zip("[Content_Types].xml", "<Types/>", "_rels/.rels", "<Relationships/>", "word/document.xml",
                "<w:document/>");
    }

    public static byte[] xlsx() {
        return zip("[Content_Types].xml", "<Types/>", "_rels/.rels", "<Relationships/>", "xl/workbook.xml",
                "<workbook/>");
    }

    public static byte[] zip(String... namesAndTexts) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (int i = 0; i < namesAndTexts.length; i += 2) {
                zip.putNextEntry(new ZipEntry(namesAndTexts[i]));
                zip.write(namesAndTexts[i + 1].getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** An OLE2 compound file's header and a directory sector naming {@code streams} (UTF-16LE, as OLE2 does). */
    public static byte[] ole2(String... streams) {
        byte[] file = new byte[2048];
        byte[] magic = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1};
        System.arraycopy(magic, 0, file, 0, magic.length);
        int at = 512;
        for (String stream : streams) {
            byte[] name = (stream + '\u0000').getBytes(StandardCharsets.UTF_16LE);
            System.arraycopy(name, 0, file, at, name.length);
            at += 128; // a directory entry
        }
        return file;
    }

    public static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    public static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] image(String format) {
        BufferedImage image = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 16; x++) {
            image.setRGB(x, x, 0xC00000);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * A PDF of exactly {@code size} bytes made as it is read — never held in memory: {@code %PDF-1.7}, pseudo-random
     * bytes (xorshift from {@code seed}), {@code %%EOF}. It can stop at a given offset until released, so that a
     * test can look at the server in the middle of an upload, and it hashes what it hands out.
     */
    public static final class Generated extends InputStream {

        private static final byte[] HEAD = "%PDF-1.7\n%\u00e2\u00e3\n".getBytes(StandardCharsets.ISO_8859_1);
        private static final byte[] TAIL = "\n%%EOF\n".getBytes(StandardCharsets.ISO_8859_1);

        private final long size;
        private long state;
        private long position;
        private final MessageDigest digest = digest();
        private long pauseAt = -1;
        private final CountDownLatch paused = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);

        public Generated(long size, long seed) {
            this.size = size;
            this.state = seed == 0 ? 0x9E3779B97F4A7C15L : seed;
        }

        /** Stops handing out bytes at {@code offset} until {@link #release()}. */
        public Generated pauseAt(long offset) {
            this.pauseAt = offset;
            return this;
        }

        /** Waits until the stream has stopped at its pause offset. */
        public boolean awaitPause(long seconds) throws InterruptedException {
            return paused.await(seconds, TimeUnit.SECONDS);
        }

        public void release() {
            released.countDown();
        }

        public long position() {
            return position;
        }

        private String sha256;

        /** The hex SHA-256 of the whole file, once it was read to its end. */
        public String sha256() {
            if (position < size) {
                throw new IllegalStateException("read " + position + " of " + size + " bytes");
            }
            if (sha256 == null) {
                sha256 = HexFormat.of().formatHex(digest.digest());
            }
            return sha256;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            if (position >= size) {
                return -1;
            }
            if (position == pauseAt) {
                paused.countDown();
                try {
                    if (!released.await(60, TimeUnit.SECONDS)) {
                        throw new IOException("never released");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException(e);
                }
            }
            long end = Math.min(size, position + length);
            if (pauseAt > position) {
                end = Math.min(end, pauseAt);
            }
            int n = (int) (end - position);
            for (int i = 0; i < n; i++) {
                bytes[offset + i] = byteAt(position + i);
            }
            digest.update(bytes, offset, n);
            position = end;
            return n;
        }

        private byte byteAt(long at) {
            if (at < HEAD.length) {
                return HEAD[(int) at];
            }
            if (at >= size - TAIL.length) {
                return TAIL[(int) (at - (size - TAIL.length))];
            }
            state ^= state << 13;
            state ^= state >>> 7;
            state ^= state << 17;
            return (byte) state;
        }
    }
}
