package io.zhenggai.issue.api;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.hibernate.exception.JDBCConnectionException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.zhenggai.issue.journal.EventTooLargeException;
import io.zhenggai.issue.ledger.LedgerException;

/**
 * Every error of the API as {@code application/problem+json}: the one place that maps exceptions, and the ledger's
 * kinds of refusal, to HTTP statuses and problems.
 */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    /** Seconds a client waits before it retries an answer 503: the pool's acquisition timeout is of this order. */
    static final int RETRY_AFTER_SECONDS = 5;

    /** The status of each kind of refusal of the ledger. */
    static int status(LedgerException.Kind kind) {
        return switch (kind) {
            case NOT_FOUND -> 404;
            case INVALID -> 422;
            case CONFLICT -> 409;
            case PRECONDITION_FAILED -> 412;
            case PRECONDITION_REQUIRED -> 428;
            case FORBIDDEN -> 403;
            case TOO_LARGE -> 413;
            case UNSUPPORTED_MEDIA_TYPE -> 415;
        };
    }

    @ServerExceptionMapper
    public Response ledger(LedgerException e) {
        return respond(problem(e));
    }

    /** The problem a refusal of the ledger is, also for one item of a batch. */
    static Problem problem(LedgerException e) {
        return Problem.of(e.slug(), e.title(), status(e.kind()), e.getMessage(), e.errors().stream()
                .map(error -> new Problem.FieldError(error.field(), error.message())).toList(), e.extensions());
    }

    /** The answer to a refusal of the ledger, for a resource that adds to it (an upload's Connection). */
    static Response response(LedgerException e) {
        return respond(problem(e));
    }

    @ServerExceptionMapper
    public Response eventTooLarge(EventTooLargeException e) {
        return respond(Problem.of("event-too-large", "Too large", 413, e.getMessage(), null));
    }

    @ServerExceptionMapper
    public Response unauthenticated(UnauthorizedException e) {
        Response problem = respond(Problem.of("unauthenticated", "Unauthenticated", 401,
                "A valid bearer token (JWT) is required", null));
        return Response.fromResponse(problem).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e) {
        return unauthenticated(null);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return respond(Problem.of("forbidden", "Forbidden", 403,
                "Your role may not call this operation: the roles that may are listed in the API description", null));
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(field(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        String detail = errors.stream().map(f -> f.field() + ": " + f.message()).reduce((a, b) -> a + "; " + b)
                .orElse("Invalid request");
        return respond(Problem.of("validation", "Invalid request", 400, detail, errors));
    }

    @ServerExceptionMapper
    public Response invalidParameter(InvalidParameterException e) {
        return respond(Problem.of("invalid-parameter", "Invalid parameter", 400, e.getMessage(),
                List.of(new Problem.FieldError(e.name(), e.getMessage()))));
    }

    // Jackson's own exceptions each need a mapper of their exact type: Quarkus maps MismatchedInputException
    // itself (a 400 with an empty body), and the closest mapper wins.

    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        return unreadable(e);
    }

    @ServerExceptionMapper
    public Response unparseable(JsonParseException e) {
        return unreadable(e);
    }

    @ServerExceptionMapper
    public Response undefined(InvalidDefinitionException e) {
        return unreadable(e);
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e) {
        String field = e instanceof JsonMappingException mapping ? path(mapping) : null;
        String detail = "The body is not valid JSON for this request: " + e.getOriginalMessage();
        return respond(Problem.of("malformed-json", "Malformed request body", 400, detail,
                List.of(new Problem.FieldError(field == null ? "body" : field, e.getOriginalMessage()))));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadable(json);
        }
        if (status >= 500) {
            return unexpected(e);
        }
        if (status == 413) {
            return respond(Problem.of("too-large", "Too large", 413, "The request body is larger than this "
                    + "operation takes", List.of(new Problem.FieldError("body", "too large"))));
        }
        String title = Response.Status.fromStatusCode(status) != null
                ? Response.Status.fromStatusCode(status).getReasonPhrase() : "Request refused";
        return respond(Problem.of("http-" + status, title, status, e.getMessage(), null));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        if (databaseUnavailable(e)) {
            return unavailable(e);
        }
        LOG.error("Unexpected failure", e);
        return respond(Problem.of("internal", "Internal error", 500,
                "The request could not be completed; nothing was recorded.", null));
    }

    /**
     * 503 with {@code Retry-After}: no database connection in time (the pool exhausted under load, or the database
     * briefly unreachable, as after a restart). Neither the client's fault nor a bug: the same request may succeed
     * in a few seconds, and nothing was stored.
     */
    Response unavailable(Throwable e) {
        LOG.warnf("No database connection, answering 503: %s", rootMessage(e));
        return Response.fromResponse(respond(Problem.of("service-unavailable", "Service unavailable", 503,
                        "服务繁忙，请稍后重试：暂时无法取得数据库连接，本次请求未作任何记录。", null)))
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS).build();
    }

    /**
     * Whether the failure is a database connection that could not be had, judged by the exception chain: Hibernate's
     * {@link JDBCConnectionException}, a {@link SQLTransientConnectionException}, an SQLSTATE of class 08
     * (connection exception), or Agroal's acquisition timeout (a plain {@link SQLException} without SQLSTATE, so
     * known by where it was thrown and what it says).
     */
    static boolean databaseUnavailable(Throwable e) {
        var seen = Collections.newSetFromMap(new IdentityHashMap<Throwable, Boolean>());
        for (Throwable t = e; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof JDBCConnectionException || t instanceof SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && (isConnectionState(sql.getSQLState()) || isAcquisitionTimeout(sql))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isConnectionState(String sqlState) {
        return sqlState != null && sqlState.startsWith("08");
    }

    /** Agroal's "Sorry, acquisition timeout!" and "Acquisition timeout while waiting for new connection". */
    private static boolean isAcquisitionTimeout(SQLException e) {
        StackTraceElement[] trace = e.getStackTrace();
        return trace.length > 0 && trace[0].getClassName().startsWith("io.agroal.") && e.getMessage() != null
                && e.getMessage().toLowerCase(Locale.ROOT).contains("acquisition timeout");
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        var seen = Collections.newSetFromMap(new IdentityHashMap<Throwable, Boolean>());
        while (root.getCause() != null && seen.add(root)) {
            root = root.getCause();
        }
        return root.getClass().getName() + ": " + root.getMessage();
    }

    static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private static String field(ConstraintViolation<?> violation) {
        // "create.request.lists[0].title" → "lists[0].title": drop the method and parameter names
        String path = violation.getPropertyPath().toString();
        String[] parts = path.split("\\.", 3);
        return parts.length == 3 ? parts[2] : parts[parts.length - 1];
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? null : path.toString();
    }
}
