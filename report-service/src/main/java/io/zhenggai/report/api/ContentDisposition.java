package io.zhenggai.report.api;

import java.nio.charset.StandardCharsets;

/**
 * {@code Content-Disposition} (RFC 6266) of a document this service writes: an RFC 5987 {@code filename*} with the
 * Chinese name (UTF-8, percent-encoded), and a plain ASCII {@code filename} for clients that know no better. A header
 * is ISO-8859-1 on the wire, so the Chinese name travels only in {@code filename*}.
 */
final class ContentDisposition {

    /** Characters no file name should hold on any system people save to, and control characters. */
    private static final String UNSAFE = "\\/:*?\"<>|";
    private static final int MAX_NAME = 120;

    private ContentDisposition() {
    }

    /**
     * @param type     {@code attachment} (save) or {@code inline} (show)
     * @param name     the file name to suggest, any script
     * @param fallback an ASCII name for clients without {@code filename*}
     */
    static String of(String type, String name, String fallback) {
        return type + "; filename=\"" + ascii(fallback) + "\"; filename*=UTF-8''" + encode(safe(name));
    }

    /** {@code name} without the characters a file system refuses, and not longer than a file name should be. */
    static String safe(String name) {
        StringBuilder out = new StringBuilder();
        name.codePoints().forEach(cp -> out.appendCodePoint(cp < 0x20 || cp == 0x7F || UNSAFE.indexOf(cp) >= 0
                ? '_' : cp));
        String safe = out.toString().strip();
        if (safe.codePointCount(0, safe.length()) > MAX_NAME) {
            int dot = safe.lastIndexOf('.');
            String extension = dot < 0 ? "" : safe.substring(dot);
            safe = safe.substring(0, safe.offsetByCodePoints(0, MAX_NAME - extension.length())) + extension;
        }
        return safe;
    }

    private static String ascii(String fallback) {
        StringBuilder out = new StringBuilder();
        for (char c : fallback.toCharArray()) {
            out.append(c >= 0x20 && c < 0x7F && "\"\\;,%".indexOf(c) < 0 ? c : '_');
        }
        return out.toString();
    }

    /** RFC 5987 {@code value-chars}: UTF-8, with everything but {@code attr-char} percent-encoded. */
    static String encode(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$&+-.^_`|~".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return out.toString();
    }
}
