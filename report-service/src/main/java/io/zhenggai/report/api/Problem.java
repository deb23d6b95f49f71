package io.zhenggai.report.api;

import java.net.URI;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An RFC 9457 problem detail ({@code application/problem+json}): a stable {@code type}, a human {@code title}, the
 * HTTP {@code status}, a {@code detail} for this occurrence, and the offending fields.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@Schema(name = "Problem", description = "RFC 9457 problem detail")
public record Problem(
        @Schema(example = "https://zhenggai.io/problems/indicator-syntax") URI type,
        @Schema(example = "Invalid indicator definition") String title,
        @Schema(example = "422") int status,
        @Schema(example = "numerator: column 8: expected '(' after metric") String detail,
        String instance,
        List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String BASE = "https://zhenggai.io/problems/";

    public static Problem of(String slug, String title, int status, String detail, List<FieldError> errors) {
        return new Problem(URI.create(BASE + slug), title, status, detail, null, errors);
    }

    /**
     * One offending input: the field (a query parameter, or a JSON-path-like body field), what is wrong with it, and
     * for an indicator expression the 1-based column, the token and the reason in Chinese.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FieldError(@Schema(example = "numerator") String field,
                             @Schema(example = "column 8: expected '(' after metric") String message,
                             Integer column, String token, String messageZh) {

        public FieldError(String field, String message) {
            this(field, message, null, null, null);
        }
    }
}
