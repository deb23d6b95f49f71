package io.zhenggai.report.bulletin;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The forms a bulletin is written in, with the media type and file extension of each. */
public enum BulletinFormat {
    /** Markdown: the bulletin's plain text, a paragraph per block; importable again as a bulletin. */
    MD("md", "text/markdown"),
    /** HTML: for reading and printing in a browser. */
    HTML("html", "text/html"),
    /** Word (OOXML) in the layout of official documents, GB/T 9704. */
    DOCX("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document");

    private final String code;
    private final String mediaType;

    BulletinFormat(String code, String mediaType) {
        this.code = code;
        this.mediaType = mediaType;
    }

    /** The name in the API ({@code format=docx}) and the file extension. */
    public String code() {
        return code;
    }

    public String mediaType() {
        return mediaType;
    }

    /** Whether the document is text (written with a charset) rather than a package of parts. */
    public boolean text() {
        return this != DOCX;
    }

    public static Optional<BulletinFormat> byCode(String code) {
        return Arrays.stream(values()).filter(f -> f.code.equals(code.strip().toLowerCase(Locale.ROOT))).findFirst();
    }

    public static Optional<BulletinFormat> byMediaType(String mediaType) {
        return Arrays.stream(values()).filter(f -> f.mediaType.equalsIgnoreCase(mediaType)).findFirst();
    }
}
