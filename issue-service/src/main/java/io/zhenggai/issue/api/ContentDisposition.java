package io.zhenggai.issue.api;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code Content-Disposition} (RFC 6266) for files: the file name of an upload, and the header of a download with
 * an RFC 5987 {@code filename*} (UTF-8, percent-encoded) and a plain ASCII {@code filename} for clients that know no
 * better. A header is ISO-8859-1 on the wire, so a name in any other script travels only in {@code filename*}.
 */
final class ContentDisposition {

    private ContentDisposition() {
    }

    /** The header's unusable part, for a refusal naming the header. */
    static final class Unreadable extends Exception {
        Unreadable(String message) {
            super(message);
        }
    }

    /**
     * The file name a header gives: {@code filename*} when present (it is the exact one), else {@code filename}, else
     * empty. A plain {@code filename} of bytes that read as UTF-8 is taken as UTF-8, as browsers send it.
     */
    static Optional<String> fileName(String header) throws Unreadable {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        Map<String, String> parameters = parameters(header);
        String extended = parameters.get("filename*");
        if (extended != null) {
            return Optional.of(decodeExtended(extended));
        }
        String plain = parameters.get("filename");
        return plain == null ? Optional.empty() : Optional.of(utf8IfItIs(plain));
    }

    /** {@code attachment; filename="…"; filename*=UTF-8''…} for a download. */
    static String attachment(String name, String extension) {
        return "attachment; filename=\"" + asciiFallback(name, extension) + "\"; filename*=UTF-8''" + encode(name);
    }

    /**
     * An ASCII stand-in for clients that ignore {@code filename*}: every run of characters outside printable ASCII,
     * and of the few that would break the header or a path ({@code " \ / % ; ,}), becomes one {@code _}, trimmed
     * off the name's ends; a name with nothing readable left becomes {@code evidence.<extension>}.
     */
    static String asciiFallback(String name, String extension) {
        StringBuilder out = new StringBuilder();
        boolean replaced = false;
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            i += Character.charCount(cp);
            boolean safe = cp >= 0x20 && cp < 0x7F && "\"\\/%;,".indexOf(cp) < 0;
            if (safe) {
                out.append((char) cp);
                replaced = false;
            } else if (!replaced) {
                out.append('_');
                replaced = true;
            }
        }
        String ascii = out.toString();
        int dot = ascii.lastIndexOf('.');
        String stem = (dot < 0 ? ascii : ascii.substring(0, dot)).replaceAll("^[_ .]+|[_ ]+$", "");
        String suffix = dot < 0 ? "" : ascii.substring(dot);
        if (stem.chars().noneMatch(Character::isLetterOrDigit)) {
            return "evidence." + extension;
        }
        return stem + (suffix.matches("\\.[A-Za-z0-9]+") ? suffix : "");
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

    private static Map<String, String> parameters(String header) throws Unreadable {
        Map<String, String> parameters = new LinkedHashMap<>();
        int i = header.indexOf(';');
        if (i < 0) {
            return parameters;
        }
        i++;
        while (i < header.length()) {
            while (i < header.length() && (header.charAt(i) == ' ' || header.charAt(i) == '\t')) {
                i++;
            }
            int equals = header.indexOf('=', i);
            if (equals < 0) {
                if (header.substring(i).isBlank()) {
                    break;
                }
                throw new Unreadable("a parameter without a value: " + header.substring(i).strip());
            }
            String name = header.substring(i, equals).strip().toLowerCase(Locale.ROOT);
            i = equals + 1;
            StringBuilder value = new StringBuilder();
            if (i < header.length() && header.charAt(i) == '"') {
                i++;
                boolean closed = false;
                while (i < header.length()) {
                    char c = header.charAt(i++);
                    if (c == '\\' && i < header.length()) {
                        value.append(header.charAt(i++));
                    } else if (c == '"') {
                        closed = true;
                        break;
                    } else {
                        value.append(c);
                    }
                }
                if (!closed) {
                    throw new Unreadable("an unterminated quoted " + name);
                }
                while (i < header.length() && header.charAt(i) != ';') {
                    if (!Character.isWhitespace(header.charAt(i++))) {
                        throw new Unreadable("text after the quoted " + name);
                    }
                }
            } else {
                int end = header.indexOf(';', i);
                end = end < 0 ? header.length() : end;
                value.append(header, i, end);
                i = end;
            }
            if (parameters.putIfAbsent(name, value.toString().strip()) != null) {
                throw new Unreadable(name + " is given twice");
            }
            i++; // the ';'
        }
        return parameters;
    }

    /** {@code charset'language'value} with a percent-encoded value, UTF-8 or ISO-8859-1 (RFC 5987 §3.2). */
    private static String decodeExtended(String extended) throws Unreadable {
        int first = extended.indexOf('\'');
        int second = first < 0 ? -1 : extended.indexOf('\'', first + 1);
        if (second < 0) {
            throw new Unreadable("filename* must read charset'language'value, as in UTF-8''%E6%95%B4%E6%94%B9.pdf");
        }
        String charsetName = extended.substring(0, first).strip().toUpperCase(Locale.ROOT);
        Charset charset = switch (charsetName) {
            case "UTF-8" -> StandardCharsets.UTF_8;
            case "ISO-8859-1" -> StandardCharsets.ISO_8859_1;
            default -> throw new Unreadable("filename* must be UTF-8 or ISO-8859-1, not " + charsetName);
        };
        String encoded = extended.substring(second + 1);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%') {
                int high = i + 2 < encoded.length() ? Character.digit(encoded.charAt(i + 1), 16) : -1;
                int low = high < 0 ? -1 : Character.digit(encoded.charAt(i + 2), 16);
                if (low < 0) {
                    throw new Unreadable("filename* has a broken percent-escape");
                }
                bytes.write(high << 4 | low);
                i += 2;
            } else if (c > 0x20 && c < 0x7F) {
                bytes.write(c);
            } else {
                throw new Unreadable("filename* may hold only ASCII and percent-escapes");
            }
        }
        try {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new Unreadable("filename* is not valid " + charset.name());
        }
    }

    /** A header value's characters are its bytes (ISO-8859-1): when they form UTF-8, it was UTF-8. */
    private static String utf8IfItIs(String latin1) {
        boolean ascii = latin1.chars().allMatch(c -> c < 0x80);
        if (ascii || latin1.chars().anyMatch(c -> c > 0xFF)) {
            return latin1;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(latin1.getBytes(StandardCharsets.ISO_8859_1))).toString();
        } catch (CharacterCodingException notUtf8) {
            return latin1;
        }
    }
}
