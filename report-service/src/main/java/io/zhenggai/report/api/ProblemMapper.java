package io.zhenggai.report.api;

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
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.zhenggai.report.indicator.IndicatorRefusal;
import io.zhenggai.report.indicator.IndicatorSyntaxException;
import io.zhenggai.report.intake.EventApplier;

/** Every error of the API as {@code application/problem+json}: the one place that maps exceptions to problems. */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    /** Seconds a client waits before it retries an answer 503: the pool's acquisition timeout is of this order. */
    static final int RETRY_AFTER_SECONDS = 5;

    @ServerExceptionMapper
    public Response api(ApiException e) {
        return respond(e.problem());
    }

    /** 401: no token, or one that fails verification (signature, algorithm, issuer, audience, expiry). */
    @ServerExceptionMapper
    public Response unauthenticated(io.quarkus.security.UnauthorizedException e) {
        return Response.fromResponse(respond(Problem.of("unauthenticated", "Unauthenticated", 401,
                "A valid bearer token (JWT) is required", null))).header("WWW-Authenticate", "Bearer").build();
    }

    @ServerExceptionMapper
    public Response authenticationFailed(io.quarkus.security.AuthenticationFailedException e) {
        return unauthenticated(null);
    }

    /** 403: a valid token whose roles may not call this operation (the OpenAPI document lists who may). */
    @ServerExceptionMapper
    public Response forbidden(io.quarkus.security.ForbiddenException e) {
        return respond(Problem.of("forbidden", "Forbidden", 403,
                "Your role may not call this operation: the roles that may are the scopes of its jwt security "
                        + "requirement in /q/openapi", null));
    }

    /** 400, 404, 409 or 412: a request about indicators the indicator package refused. */
    @ServerExceptionMapper
    public Response indicatorRefused(IndicatorRefusal e) {
        Problem problem = switch (e.kind()) {
            case INVALID -> ApiException.invalid(e.field(), e.getMessage()).problem();
            case NOT_FOUND -> ApiException.notFound(e.field(), e.getMessage()).problem();
            case CONFLICT -> ApiException.conflict(e.field(), e.getMessage()).problem();
            case STALE -> ApiException.preconditionFailed(e.getMessage()).problem();
        };
        return respond(problem);
    }

    /** 422: an indicator definition that does not parse, naming the field, the column and the token. */
    @ServerExceptionMapper
    public Response indicatorSyntax(IndicatorSyntaxException e) {
        String field = e.field() == null ? "expression" : e.field();
        return respond(Problem.of("indicator-syntax", "Invalid indicator definition", 422, e.getMessage(),
                List.of(new Problem.FieldError(field, "column " + e.column() + ": " + e.reason(), e.column(),
                        e.token(), e.reasonZh()))));
    }

    /** 404: a bulletin or next-steps text of an inspection the ledger did not hold (then). */
    @ServerExceptionMapper
    public Response unknownInspection(io.zhenggai.report.bulletin.UnknownInspectionException e) {
        return respond(Problem.of("not-found", "Not found", 404, e.getMessage(),
                List.of(new Problem.FieldError("inspectionId", e.getMessage()))));
    }

    /** 412: the next-steps text changed since the version the writer read (If-Match). */
    @ServerExceptionMapper
    public Response nextStepsChanged(io.zhenggai.report.bulletin.NextStepsChangedException e) {
        return respond(Problem.of("precondition-failed", "Precondition failed", 412, e.getMessage(),
                List.of(new Problem.FieldError("If-Match", e.getMessage()))));
    }

    /** 409: a gap cannot be skipped while its aggregate waits for a decision about a conflict. */
    @ServerExceptionMapper
    public Response conflicted(EventApplier.Conflicted e) {
        return respond(Problem.of("intake-conflict", "The aggregate has an open conflict", 409, e.getMessage(),
                List.of(new Problem.FieldError("aggregateId", e.getMessage()))));
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
    public Response unreadable(JsonProcessingException e) {
        String path = e instanceof JsonMappingException mapping ? path(mapping) : null;
        // not JSON at all, or a value at the top that is no object: the body itself is the offending field
        String field = path == null ? "body" : path;
        String detail = "The body is not valid JSON for this request: " + e.getOriginalMessage();
        return respond(Problem.of("malformed-json", "Malformed request body", 400, detail,
                List.of(new Problem.FieldError(field, e.getOriginalMessage()))));
    }

    /** Unknown or mistyped fields: mapped here, or the framework's own (plain JSON) mapper would answer. */
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        return unreadable(e);
    }

    @ServerExceptionMapper
    public Response malformed(JsonParseException e) {
        return unreadable(e);
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
        String title = Response.Status.fromStatusCode(status) != null
                ? Response.Status.fromStatusCode(status).getReasonPhrase() : "Request refused";
        String field = switch (status) {
            case 406 -> "Accept";
            case 413 -> "body";
            case 415 -> "Content-Type";
            default -> null;
        };
        return respond(Problem.of("http-" + status, title, status, e.getMessage(),
                field == null ? null : List.of(new Problem.FieldError(field, e.getMessage()))));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        if (databaseUnavailable(e)) {
            return unavailable(e);
        }
        LOG.error("Unexpected failure", e);
        return respond(Problem.of("internal", "Internal error", 500,
                "The request could not be completed; nothing was changed.", null));
    }

    /**
     * 503 with {@code Retry-After}: no database connection in time (the pool exhausted under load, or the database
     * briefly unreachable, as after a restart). Neither the client's fault nor a bug: the same request may succeed
     * in a few seconds, and nothing was stored.
     */
    Response unavailable(Throwable e) {
        LOG.warnf("No database connection, answering 503: %s", rootMessage(e));
        return Response.fromResponse(respond(Problem.of("service-unavailable", "Service unavailable", 503,
                        "服务繁忙，请稍后重试：暂时无法取得数据库连接，本次请求未作任何改动。", null)))
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

    private static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private static String field(ConstraintViolation<?> violation) {
        // "values.by" → "by": drop the method name
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
