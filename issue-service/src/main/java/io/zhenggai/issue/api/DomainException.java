package io.zhenggai.issue.api;

import java.util.List;

/**
 * A refusal the caller can act on, with the HTTP status and problem type it maps to. Services throw it; the
 * {@link ProblemMapper} turns it into {@code application/problem+json}. Nothing is written when it is thrown inside
 * a transaction.
 */
public class DomainException extends RuntimeException {

    private final int status;
    private final String slug;
    private final String title;
    private final List<Problem.FieldError> errors;

    public DomainException(int status, String slug, String title, String detail, List<Problem.FieldError> errors) {
        super(detail);
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public static DomainException notFound(String what, Object id) {
        return new DomainException(404, "not-found", "Not found", what + " " + id + " does not exist", null);
    }

    public static DomainException conflict(String slug, String detail) {
        return new DomainException(409, slug, "Conflict", detail, null);
    }

    public static DomainException invalid(String field, String detail) {
        return new DomainException(422, "invalid-input", "Invalid input", detail,
                List.of(new Problem.FieldError(field, detail)));
    }

    public int status() {
        return status;
    }

    public Problem toProblem() {
        return Problem.of(slug, title, status, getMessage(), errors);
    }
}
