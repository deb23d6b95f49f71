package io.zhenggai.report.api;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;

/**
 * Refusals made before a request reaches any route, answered as problems like every other refusal:
 * <ul>
 *   <li>{@code /q/metrics} from outside {@code zhenggai.metrics.allowed-networks} (the loopback by default): 403.
 *       Metrics name internals (lag, gaps, dead letters) that only the machine's own scraper needs; health and the
 *       OpenAPI document stay open.</li>
 *   <li>a body declared larger than {@code zhenggai.api.max-body-size} (64 KiB) under {@code /api}, or than
 *       {@code quarkus.http.limits.max-body-size} elsewhere (the web app's forms: a pasted bulletin, an evidence file
 *       on its way to issue-service): 413, before it is read (the server would refuse it anyway, without saying
 *       why);</li>
 *   <li>a body sent in chunks without a declared length: 411. The server could only refuse such a body once too
 *       much of it had arrived, with an empty answer; every request here is small and every client knows its
 *       length.</li>
 * </ul>
 */
@ApplicationScoped
public class HttpGuards {

    /** Before the routes, including the management and metrics ones. */
    private static final int PRIORITY = 1000;

    @Inject
    ObjectMapper json;

    @ConfigProperty(name = "zhenggai.metrics.allowed-networks", defaultValue = "127.0.0.0/8,::1/128")
    String allowedNetworks;

    @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10M")
    MemorySize maxBodySize;

    @ConfigProperty(name = "zhenggai.api.max-body-size", defaultValue = "64K")
    MemorySize maxApiBodySize;

    void register(@Observes Filters filters) {
        MetricsAccess metrics = MetricsAccess.parse(allowedNetworks);
        long maxPageBody = maxBodySize.asLongValue();
        long maxApiBody = Math.min(maxApiBodySize.asLongValue(), maxPageBody);
        filters.register(context -> {
            String path = context.normalizedPath();
            long maxBody = path != null && path.startsWith("/api/") ? maxApiBody : maxPageBody;
            if (isMetrics(path) && !metrics.allows(host(context.request().remoteAddress()))) {
                refuse(context, Problem.of("metrics-forbidden", "Forbidden", 403,
                        "metrics are served only to the networks in zhenggai.metrics.allowed-networks", null));
                return;
            }
            String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null && tooLong(length, maxBody)) {
                refuse(context, Problem.of("body-too-large", "Payload too large", 413,
                        "the body may have at most " + maxBody + " bytes",
                        List.of(new Problem.FieldError("body", "at most " + maxBody + " bytes"))));
                return;
            }
            String encoding = context.request().getHeader(HttpHeaders.TRANSFER_ENCODING);
            if (length == null && encoding != null && encoding.toLowerCase(java.util.Locale.ROOT).contains("chunked")) {
                refuse(context, Problem.of("length-required", "Length required", 411,
                        "send the body with a Content-Length (at most " + maxBody + " bytes), not in chunks",
                        List.of(new Problem.FieldError("Content-Length", "required with a body"))));
                return;
            }
            context.next();
        }, PRIORITY);
    }

    private static boolean isMetrics(String path) {
        return path != null && (path.equals("/q/metrics") || path.startsWith("/q/metrics/"));
    }

    private static String host(SocketAddress address) {
        return address == null ? null : address.hostAddress();
    }

    private static boolean tooLong(String length, long max) {
        String digits = length.strip();
        // longer than any long: certainly too long; not a number: the server refuses it as a bad request itself
        if (!digits.isEmpty() && digits.chars().allMatch(Character::isDigit)) {
            return digits.length() > 18 || Long.parseLong(digits) > max;
        }
        return false;
    }

    private void refuse(RoutingContext context, Problem problem) {
        String body;
        try {
            body = json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        context.response().setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                // the rest of a refused body is not read: the connection cannot be reused
                .putHeader(HttpHeaders.CONNECTION, problem.status() == 403 ? "keep-alive" : "close")
                .end(body);
    }
}
