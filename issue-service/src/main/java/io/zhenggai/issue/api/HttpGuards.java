package io.zhenggai.issue.api;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import io.zhenggai.issue.evidence.EvidenceConfig;

/**
 * Guards in front of every route, the management ones included (they run before routing, so {@code /q/metrics} is
 * covered as much as {@code /api}):
 * <ul>
 *   <li>metrics only to clients in {@code zhenggai.metrics.allowed-networks} (by default the loopback): they tell
 *   an outsider what the ledger does and how busy it is;</li>
 *   <li>a body larger than the operation takes is refused with a 413 problem before it is read; a bulletin may be
 *   several MB, an Excel ledger (compressed) some more, a JSON request is far smaller. A POST, PUT or PATCH of the
 *   API must declare its length (411 otherwise, over HTTP/1.1 and HTTP/2 alike): a streamed body could only be
 *   stopped while it is read, by the HTTP layer's cap ({@code quarkus.http.limits.max-body-size}), which answers
 *   without a problem document.</li>
 *   <li>the one exception is an upload of evidence: a file up to {@code zhenggai.evidence.max-size}, refused here
 *   when its declared length is larger, and otherwise (a chunked body) counted while it streams. The HTTP layer's
 *   cap must lie above that limit, which is checked at startup.</li>
 * </ul>
 * The remote address is the connection's own: no forwarded header is trusted.
 */
@ApplicationScoped
public class HttpGuards {

    /** Before routing and authentication: nothing is read or checked for a request refused here. */
    static final int PRIORITY = 100;

    /** The methods whose requests to the API carry a body, which must declare its length. */
    static final Set<HttpMethod> BODY_METHODS = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH);

    /** An upload of evidence: {@code POST /api/issues/{id}/evidence}. */
    static final Pattern EVIDENCE_UPLOAD = Pattern.compile("/api/issues/[^/]+/evidence/?");

    /** Slashes that a path collapses into one (checked on every request, so compiled once). */
    private static final Pattern REPEATED_SLASHES = Pattern.compile("/{2,}");

    /** Room between the evidence limit and the HTTP layer's cap: the HTTP layer reads ahead of the counting. */
    static final long READ_AHEAD = 1024 * 1024;

    @ConfigMapping(prefix = "zhenggai.metrics")
    public interface MetricsAccess {

        /** The networks allowed to read the metrics, in CIDR notation. */
        @WithDefault("127.0.0.0/8,::1/128")
        List<String> allowedNetworks();

        /** The path the metrics are served at. */
        @WithDefault("/q/metrics")
        String path();
    }

    @ConfigMapping(prefix = "zhenggai.http")
    public interface BodyLimits {

        /** The largest JSON body of a request. */
        @WithDefault("4M")
        MemorySize maxJsonBody();

        /** The largest bulletin to import (its UTF-8 text). */
        @WithDefault("8M")
        MemorySize maxBulletinBody();

        /** The largest Excel ledger to import (the .xlsx file, compressed as it is). */
        @WithDefault("20M")
        MemorySize maxLedgerBody();
    }

    /** The import of an Excel ledger: {@code POST /api/imports/ledger}. */
    static final String LEDGER_IMPORT = "/api/imports/ledger";

    @Inject
    MetricsAccess metrics;

    @Inject
    BodyLimits limits;

    @Inject
    ObjectMapper json;

    @Inject
    EvidenceConfig evidence;

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    Optional<MemorySize> httpMaxBody;

    private Networks allowed;

    void register(@Observes Filters filters) {
        long cap = httpMaxBody.map(MemorySize::asLongValue).orElse(Long.MAX_VALUE);
        if (evidence.maxSize().asLongValue() > cap - READ_AHEAD) {
            // else the HTTP layer would cut an upload off below the limit, with an empty 413 instead of a problem
            throw new IllegalStateException("zhenggai.evidence.max-size (" + evidence.maxSize().asLongValue()
                    + " bytes) must be at least 1 MiB below quarkus.http.limits.max-body-size (" + cap + " bytes)");
        }
        allowed = Networks.parse(metrics.allowedNetworks());
        filters.register(this::guardMetrics, PRIORITY);
        filters.register(this::limitBody, PRIORITY);
    }

    void guardMetrics(RoutingContext context) {
        if (isMetrics(context.normalizedPath())) {
            SocketAddress remote = context.request().remoteAddress();
            if (remote == null || !allowed.contains(remote.hostAddress())) {
                refuse(context, Problem.of("metrics-not-allowed", "Forbidden", 403, "Metrics are served only to "
                        + "the networks in zhenggai.metrics.allowed-networks", null), false);
                return;
            }
        }
        context.next();
    }

    void limitBody(RoutingContext context) {
        String declared = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        boolean upload = context.request().method() == HttpMethod.POST
                && EVIDENCE_UPLOAD.matcher(context.normalizedPath()).matches();
        // a chunked body has no declared length even when a Content-Length comes with it (the chunks win)
        boolean chunked = context.request().headers().contains(HttpHeaders.TRANSFER_ENCODING);
        if ((declared == null || chunked) && !upload && BODY_METHODS.contains(context.request().method())
                && context.normalizedPath().startsWith("/api/")) {
            refuse(context, Problem.of("length-required", "Length required", 411, "Send the body with a "
                    + "Content-Length header: a body of unknown length is not taken",
                    List.of(new Problem.FieldError("Content-Length", "missing"))), true);
            return;
        }
        if (declared != null) {
            String path = context.normalizedPath();
            long limit = upload ? evidence.maxSize().asLongValue()
                    : path.equals(LEDGER_IMPORT) || path.equals(LEDGER_IMPORT + "/") ? limits.maxLedgerBody().asLongValue()
                    : path.startsWith("/api/imports/") ? limits.maxBulletinBody().asLongValue()
                    : limits.maxJsonBody().asLongValue();
            long length;
            try {
                length = Long.parseLong(declared.strip());
            } catch (NumberFormatException unreadable) {
                length = -1; // the HTTP server refuses a malformed length itself
            }
            if (length > limit) {
                // the body is not read: close the connection rather than leave it unread on a kept-alive one
                refuse(context, Problem.of("too-large", "Too large", 413, "The body of " + length
                        + " bytes is larger than this operation takes (" + limit + " bytes)",
                        List.of(new Problem.FieldError("body", "at most " + limit + " bytes"))), true);
                return;
            }
        }
        context.next();
    }

    boolean isMetrics(String path) {
        String collapsed = path == null ? ""
                : path.contains("//") ? REPEATED_SLASHES.matcher(path).replaceAll("/") : path;
        String guarded = metrics.path();
        return collapsed.equals(guarded) || collapsed.startsWith(guarded + "/") || collapsed.startsWith(guarded + ";");
    }

    private void refuse(RoutingContext context, Problem problem, boolean close) {
        String body;
        try {
            body = json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A problem is always writable", e);
        }
        var response = context.response().setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
        if (close) {
            response.putHeader(HttpHeaders.CONNECTION, "close");
        }
        response.end(body);
    }
}
