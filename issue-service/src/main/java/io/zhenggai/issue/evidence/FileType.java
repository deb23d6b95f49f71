package io.zhenggai.issue.evidence;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The kinds of file evidence may be, each with the bytes that show a file is one: its leading bytes (magic number)
 * and, for the Office formats, names that their containers must hold. A declared media type the bytes do not bear
 * out is refused; which of these are accepted is configuration ({@code zhenggai.evidence.allowed-types}).
 * <p>
 * The container checks look for the part names as they are stored, uncompressed: in a ZIP's local and central
 * directory headers (OOXML: {@code [Content_Types].xml} and {@code word/} or {@code xl/}), in an OLE2 compound
 * file's directory as UTF-16LE (legacy Word: {@code WordDocument}; Excel: {@code Workbook} or, BIFF5,
 * {@code Book}). They run over the whole stream while it is stored, in constant memory.
 */
public enum FileType {

    PDF("application/pdf", "a PDF document", "pdf", List.of(Lead.of(0, "%PDF-"))),
    PNG("image/png", "a PNG image", "png", List.of(Lead.of(0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A))),
    JPEG("image/jpeg", "a JPEG image", "jpg", List.of(Lead.of(0, 0xFF, 0xD8, 0xFF))),
    GIF("image/gif", "a GIF image", "gif", List.of(Lead.of(0, "GIF87a"), Lead.of(0, "GIF89a"))),
    WEBP("image/webp", "a WebP image", "webp", List.of(Lead.of(0, "RIFF").and(8, "WEBP"))),
    DOCX("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "a Word document (.docx)",
            "docx", List.of(Lead.ZIP), List.of(Part.zip("[Content_Types].xml"), Part.zip("word/"))),
    XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "an Excel workbook (.xlsx)", "xlsx",
            List.of(Lead.ZIP), List.of(Part.zip("[Content_Types].xml"), Part.zip("xl/"))),
    DOC("application/msword", "a Word 97–2003 document (.doc)", "doc", List.of(Lead.OLE2),
            List.of(Part.ole2("WordDocument"))),
    XLS("application/vnd.ms-excel", "an Excel 97–2003 workbook (.xls)", "xls", List.of(Lead.OLE2),
            List.of(Part.ole2("Workbook", "Book")));

    /** How many leading bytes decide every {@link Lead}. */
    static final int HEAD = 12;

    private final String mediaType;
    private final String description;
    private final String extension;
    private final List<Lead> leads;
    /** The parts the container must hold, each found somewhere in the file. */
    private final List<Part> parts;

    FileType(String mediaType, String description, String extension, List<Lead> leads) {
        this(mediaType, description, extension, leads, List.of());
    }

    FileType(String mediaType, String description, String extension, List<Lead> leads, List<Part> parts) {
        this.mediaType = mediaType;
        this.description = description;
        this.extension = extension;
        this.leads = leads;
        this.parts = parts;
    }

    public String mediaType() {
        return mediaType;
    }

    public String description() {
        return description;
    }

    /** The usual file name extension, without the dot. */
    public String extension() {
        return extension;
    }

    /** The type of a media type, its parameters and case ignored ({@code Application/PDF; x=y} is PDF). */
    public static Optional<FileType> of(String mediaType) {
        if (mediaType == null) {
            return Optional.empty();
        }
        String bare = essence(mediaType);
        return Arrays.stream(values()).filter(t -> t.mediaType.equals(bare)).findFirst();
    }

    /** A media type without parameters, lower case: {@code type/subtype}. */
    public static String essence(String mediaType) {
        int semicolon = mediaType.indexOf(';');
        return (semicolon < 0 ? mediaType : mediaType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }

    /** A check of one file's bytes against this type, fed as they stream past. */
    public Check check() {
        return new Check(this);
    }

    /** What the leading bytes look like, for a refusal's message: "a PNG image", "a ZIP archive", "text" … */
    static String lookalike(byte[] head, int length) {
        for (FileType type : values()) {
            if (type.parts.isEmpty() && type.leads.stream().anyMatch(lead -> lead.matches(head, length))) {
                return type.description;
            }
        }
        if (Lead.ZIP.matches(head, length)) {
            return "a ZIP archive";
        }
        if (Lead.OLE2.matches(head, length)) {
            return "an OLE2 compound file (an old Office format)";
        }
        if (length >= 2 && head[0] == 'M' && head[1] == 'Z') {
            return "a Windows executable";
        }
        if (length >= 4 && head[0] == 0x7F && head[1] == 'E' && head[2] == 'L' && head[3] == 'F') {
            return "an ELF executable";
        }
        boolean text = length > 0;
        for (int i = 0; i < length; i++) {
            int b = head[i] & 0xFF;
            text &= b >= 0x20 || b == '\t' || b == '\n' || b == '\r';
        }
        return text ? "text" : "none of the accepted types";
    }

    /** A part a container must hold: found when any of its names is, as the container stores names. */
    record Part(String label, List<byte[]> names) {

        static Part zip(String name) {
            return new Part("a ZIP archive without the part " + name,
                    List.of(name.getBytes(StandardCharsets.ISO_8859_1)));
        }

        static Part ole2(String... streams) {
            // a directory entry's name is UTF-16LE and ends with U+0000: the terminator keeps "Book" from matching text
            return new Part("an OLE2 compound file without a " + String.join(" or ", streams) + " stream",
                    Arrays.stream(streams).map(n -> (n + '\u0000').getBytes(StandardCharsets.UTF_16LE)).toList());
        }
    }

    /** Bytes at fixed offsets from the start; all must match. */
    record Lead(int[] offsets, byte[][] bytes) {

        static final Lead ZIP = of(0, 'P', 'K', 0x03, 0x04);
        static final Lead OLE2 = of(0, 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1);

        static Lead of(int offset, String ascii) {
            return new Lead(new int[]{offset}, new byte[][]{ascii.getBytes(StandardCharsets.ISO_8859_1)});
        }

        static Lead of(int offset, int... values) {
            byte[] bytes = new byte[values.length];
            for (int i = 0; i < values.length; i++) {
                bytes[i] = (byte) values[i];
            }
            return new Lead(new int[]{offset}, new byte[][]{bytes});
        }

        Lead and(int offset, String ascii) {
            int[] o = Arrays.copyOf(offsets, offsets.length + 1);
            byte[][] b = Arrays.copyOf(bytes, bytes.length + 1);
            o[offsets.length] = offset;
            b[bytes.length] = ascii.getBytes(StandardCharsets.ISO_8859_1);
            return new Lead(o, b);
        }

        boolean matches(byte[] head, int length) {
            for (int i = 0; i < offsets.length; i++) {
                if (offsets[i] + bytes[i].length > length
                        || !Arrays.equals(head, offsets[i], offsets[i] + bytes[i].length, bytes[i], 0, bytes[i].length)) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * One file's bytes against its declared type: {@link #update} with every block as it streams past, ask
     * {@link #leadMismatch()} as soon as you like (it answers once the leading bytes are in), and {@link #finish()}
     * at the end. Memory stays constant whatever the size: the first {@value #HEAD} bytes and one matcher state per
     * needle.
     */
    public static final class Check {

        private final FileType type;
        private final byte[] head = new byte[HEAD];
        private int headLength;
        private final Needle[][] groups;

        private Check(FileType type) {
            this.type = type;
            this.groups = type.parts.stream().map(part -> part.names().stream().map(Needle::new)
                    .toArray(Needle[]::new)).toArray(Needle[][]::new);
        }

        public void update(byte[] bytes, int offset, int length) {
            if (headLength < HEAD) {
                int take = Math.min(HEAD - headLength, length);
                System.arraycopy(bytes, offset, head, headLength, take);
                headLength += take;
            }
            for (Needle[] group : groups) {
                for (Needle needle : group) {
                    needle.scan(bytes, offset, length);
                }
            }
        }

        /**
         * Why the leading bytes are not the declared type's, once enough of them are in (or at the end); empty while
         * they still may be.
         */
        public Optional<String> leadMismatch() {
            if (headLength < HEAD) {
                return Optional.empty();
            }
            return leadVerdict();
        }

        /** Why the whole file is not of the declared type, or empty when it is. */
        public Optional<String> finish() {
            Optional<String> lead = leadVerdict();
            if (lead.isPresent()) {
                return lead;
            }
            for (int g = 0; g < groups.length; g++) {
                if (Arrays.stream(groups[g]).noneMatch(Needle::found)) {
                    return Optional.of("the file is not " + type.description + ": it is "
                            + type.parts.get(g).label());
                }
            }
            return Optional.empty();
        }

        private Optional<String> leadVerdict() {
            if (type.leads.stream().anyMatch(lead -> lead.matches(head, headLength))) {
                return Optional.empty();
            }
            return Optional.of("the file is not " + type.description + ": its first bytes are those of "
                    + lookalike(head, headLength));
        }
    }

    /** A byte string looked for in a stream (Knuth–Morris–Pratt: each byte is looked at once). */
    private static final class Needle {

        private final byte[] pattern;
        private final int[] fallback;
        private int matched;
        private boolean found;

        Needle(byte[] pattern) {
            this.pattern = pattern;
            this.fallback = new int[pattern.length];
            for (int i = 1, k = 0; i < pattern.length; i++) {
                while (k > 0 && pattern[i] != pattern[k]) {
                    k = fallback[k - 1];
                }
                if (pattern[i] == pattern[k]) {
                    k++;
                }
                fallback[i] = k;
            }
        }

        void scan(byte[] bytes, int offset, int length) {
            if (found) {
                return;
            }
            int k = matched;
            for (int i = offset, end = offset + length; i < end; i++) {
                byte b = bytes[i];
                while (k > 0 && b != pattern[k]) {
                    k = fallback[k - 1];
                }
                if (b == pattern[k]) {
                    k++;
                    if (k == pattern.length) {
                        found = true;
                        return;
                    }
                }
            }
            matched = k;
        }

        boolean found() {
            return found;
        }
    }
}
