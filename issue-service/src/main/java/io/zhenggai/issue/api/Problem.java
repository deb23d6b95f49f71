package io.zhenggai.issue.api;

import java.net.URI;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.zhenggai.issue.ledger.Texts;

/**
 * An RFC 9457 problem detail ({@code application/problem+json}): a stable {@code type}, a human {@code title}, the
 * HTTP {@code status}, a {@code detail} for this occurrence, and the offending fields. A problem may carry extension
 * members (RFC 9457 §3.2): a refused bulletin's {@code found}, {@code missing} and {@code read}.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(URI type, String title, int status, String detail, String instance, List<FieldError> errors,
                      @JsonAnyGetter @Schema(hidden = true) Map<String, Object> extensions) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String BASE = "https://zhenggai.io/problems/";

    public Problem(URI type, String title, int status, String detail, String instance, List<FieldError> errors) {
        this(type, title, status, detail, instance, errors, Map.of());
    }

    public static Problem of(String slug, String title, int status, String detail, List<FieldError> errors) {
        return of(slug, title, status, detail, errors, Map.of());
    }

    /** @param extensions further members of the problem document, by name */
    public static Problem of(String slug, String title, int status, String detail, List<FieldError> errors,
                             Map<String, Object> extensions) {
        return new Problem(URI.create(BASE + slug), title, status, writable(detail), null, errors == null ? null
                : errors.stream().map(e -> new FieldError(writable(e.field()), writable(e.message()))).toList(),
                extensions == null ? Map.of() : extensions);
    }

    /**
     * A text that can be written in any encoding: the caller's own input echoed in a message (a value that was
     * refused because it holds U+0000 or half a surrogate pair) must not make the answer itself unwritable.
     */
    static String writable(String text) {
        if (text == null || Texts.isStorable(text)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else {
                out.append(c == '\u0000' || Character.isSurrogate(c) ? '\uFFFD' : c);
            }
        }
        return out.toString();
    }

    /** One offending input: a JSON-path-like field name and what is wrong with it. */
    public record FieldError(String field, String message) {
    }
}
