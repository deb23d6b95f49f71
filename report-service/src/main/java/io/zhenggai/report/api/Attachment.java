package io.zhenggai.report.api;

import java.nio.charset.StandardCharsets;

/**
 * {@code Content-Disposition} of a download (RFC 6266): the file's name as RFC 5987 {@code filename*} (UTF-8,
 * percent-encoded: a header is ISO-8859-1 on the wire, so a Chinese name travels only there), and an ASCII
 * {@code filename} for clients that know no better.
 */
final class Attachment {

    private Attachment() {
    }

    /** {@code attachment; filename="<ascii>"; filename*=UTF-8''<name>}. */
    static String header(String name, String asciiName) {
        if (!asciiName.chars().allMatch(c -> c >= 0x20 && c < 0x7F && "\"\\/%;,".indexOf(c) < 0)) {
            throw new IllegalArgumentException("not a safe ASCII file name: " + asciiName);
        }
        return "attachment; filename=\"" + asciiName + "\"; filename*=UTF-8''" + encode(name);
    }

    /** RFC 5987 {@code value-chars}: UTF-8, everything but {@code attr-char} percent-encoded. */
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
