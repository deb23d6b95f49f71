package io.zhenggai.report.api;

import java.util.List;

/** A request refused with a problem response: the one exception services throw for the API to answer 4xx. */
public class ApiException extends RuntimeException {

    private final transient Problem problem;

    public ApiException(Problem problem) {
        super(problem.detail());
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    /** 400: a query parameter or body field that cannot be used as given. */
    public static ApiException invalid(String field, String message) {
        return new ApiException(Problem.of("invalid-request", "Invalid request", 400, field + ": " + message,
                List.of(new Problem.FieldError(field, message))));
    }

    /** 404: nothing with this identity. */
    public static ApiException notFound(String field, String message) {
        return new ApiException(Problem.of("not-found", "Not found", 404, message,
                List.of(new Problem.FieldError(field, message))));
    }

    /** 409: the request conflicts with what exists. */
    public static ApiException conflict(String field, String message) {
        return new ApiException(Problem.of("conflict", "Conflict", 409, message,
                List.of(new Problem.FieldError(field, message))));
    }

    /** 412: the If-Match precondition failed. */
    public static ApiException preconditionFailed(String message) {
        return new ApiException(Problem.of("precondition-failed", "Precondition failed", 412, message,
                List.of(new Problem.FieldError("If-Match", message))));
    }
}
