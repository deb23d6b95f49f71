package io.zhenggai.issue.ledger;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A refusal of the ledger that the caller can act on: what kind of refusal it is, a stable slug naming the problem,
 * a human title and the offending fields. It knows nothing of HTTP; the API maps each {@link Kind} to a status in
 * one place. Nothing is written when it is thrown inside a transaction.
 */
public class LedgerException extends RuntimeException {

    /** What kind of refusal: the API chooses the status from it. */
    public enum Kind {
        /** The thing does not exist, or the caller may not know that it does. */
        NOT_FOUND,
        /** The input is well-formed but not acceptable (a field is wrong). */
        INVALID,
        /** The input contradicts the state of the ledger (a transition the workflow forbids, a duplicate). */
        CONFLICT,
        /** The caller's version of the thing is stale. */
        PRECONDITION_FAILED,
        /** The change needs the caller's version of the thing and none was given. */
        PRECONDITION_REQUIRED,
        /** The caller may see the thing but may not do this to it. */
        FORBIDDEN,
        /** The input is larger than the ledger takes. */
        TOO_LARGE,
        /** The input is of a kind the ledger does not take (an upload's media type). */
        UNSUPPORTED_MEDIA_TYPE
    }

    /** One offending input: a JSON-path-like field name (or a header or parameter name) and what is wrong with it. */
    public record FieldError(String field, String message) {
    }

    private final Kind kind;
    private final String slug;
    private final String title;
    private final List<FieldError> errors;
    private final transient Map<String, Object> extensions;

    public LedgerException(Kind kind, String slug, String title, String detail, List<FieldError> errors) {
        this(kind, slug, title, detail, errors, null);
    }

    /**
     * @param extensions what the refusal adds for the caller to act on, by name (a refused bulletin's {@code found},
     *                   {@code missing} and {@code read}); the API writes them as members of the problem document
     */
    public LedgerException(Kind kind, String slug, String title, String detail, List<FieldError> errors,
                           Map<String, Object> extensions) {
        super(detail);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.slug = Objects.requireNonNull(slug, "slug");
        this.title = Objects.requireNonNull(title, "title");
        this.errors = errors == null ? List.of() : List.copyOf(errors);
        this.extensions = extensions == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(extensions));
    }

    public static LedgerException notFound(String what, Object id) {
        return new LedgerException(Kind.NOT_FOUND, "not-found", "Not found", what + " " + id + " does not exist",
                null);
    }

    public static LedgerException invalid(String field, String detail) {
        return invalid("invalid-input", "Invalid input", field, detail);
    }

    public static LedgerException invalid(String slug, String title, String field, String detail) {
        return new LedgerException(Kind.INVALID, slug, title, detail, List.of(new FieldError(field, detail)));
    }

    public static LedgerException conflict(String slug, String detail) {
        return new LedgerException(Kind.CONFLICT, slug, "Conflict", detail, null);
    }

    public static LedgerException forbidden(String slug, String detail) {
        return new LedgerException(Kind.FORBIDDEN, slug, "Forbidden", detail, null);
    }

    public static LedgerException tooLarge(String field, String detail) {
        return new LedgerException(Kind.TOO_LARGE, "too-large", "Too large", detail,
                field == null ? null : List.of(new FieldError(field, detail)));
    }

    public Kind kind() {
        return kind;
    }

    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** Further members of the refusal by name, in order; empty for most. */
    public Map<String, Object> extensions() {
        return extensions;
    }
}
