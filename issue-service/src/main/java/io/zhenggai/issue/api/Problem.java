package io.zhenggai.issue.api;

import java.net.URI;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem detail ({@code application/problem+json}): a stable {@code type}, a human {@code title}, the
 * HTTP {@code status}, a {@code detail} for this occurrence, and the offending fields.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(URI type, String title, int status, String detail, String instance, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String BASE = "https://zhenggai.io/problems/";

    public static Problem of(String slug, String title, int status, String detail, List<FieldError> errors) {
        return new Problem(URI.create(BASE + slug), title, status, detail, null, errors);
    }

    /** One offending input: a JSON-path-like field name and what is wrong with it. */
    public record FieldError(String field, String message) {
    }
}
