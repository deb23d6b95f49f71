package io.zhenggai.issue.supervision;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Delivers due webhook deliveries: claims them with {@code FOR UPDATE SKIP LOCKED} (several instances share the
 * work, none takes a row another holds), POSTs each with the JDK HttpClient and records the attempt in the same
 * transaction. A 2xx (and, for the robots, an answer without an error code) is DELIVERED; anything else is tried
 * again after an exponential backoff, and FAILED after the last attempt. A crash between the receiver's answer and our
 * commit sends the delivery again with the same {@code X-Zhenggai-Delivery} id: at least once, with an idempotency id.
 */
@ApplicationScoped
public class WebhookWorker {

    private static final Logger LOG = Logger.getLogger(WebhookWorker.class);
    static final int BATCH = 20;

    @Inject
    EntityManager em;

    @Inject
    WebhookConfig webhooks;

    @Inject
    WebhookDeliveryConfig config;

    @Inject
    ObjectMapper json;

    @Inject
    WebhookMetrics metrics;

    private volatile HttpClient client;

    @Scheduled(identity = "webhook-worker", every = "${zhenggai.webhook-delivery.every:10s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        deliverDue();
    }

    /** Delivers what is due now; returns the attempts made. */
    public int deliverDue() {
        int total = 0;
        int attempted;
        do {
            long timeout = config.timeout().toSeconds() * BATCH + 30;
            attempted = QuarkusTransaction.requiringNew().timeout((int) timeout).call(this::deliverBatch);
            total += attempted;
        } while (attempted == BATCH);
        return total;
    }

    @SuppressWarnings("unchecked")
    int deliverBatch() {
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT id, webhook, event_type, event_id, issue_id, level, title, text, markdown, attempts
                        FROM webhook_delivery
                        WHERE state = 'PENDING' AND next_attempt_at <= ?1
                        ORDER BY next_attempt_at, created_at
                        LIMIT ?2
                        FOR UPDATE SKIP LOCKED""")
                .setParameter(1, Timestamp.from(Instant.now()))
                .setParameter(2, BATCH)
                .getResultList();
        for (Object[] row : rows) {
            attempt(row);
        }
        return rows.size();
    }

    private void attempt(Object[] row) {
        UUID id = (UUID) row[0];
        String name = (String) row[1];
        int attempt = ((Number) row[9]).intValue() + 1;
        Instant started = Instant.now();
        WebhookConfig.Webhook webhook = webhooks.webhooks().get(name);
        Integer status = null;
        String error;
        if (webhook == null) {
            error = "webhook " + name + " is no longer configured";
        } else {
            try {
                String secret = secret(webhook);
                Notices.Notice notice = new Notices.Notice((String) row[6], (String) row[7], (String) row[8]);
                RobotMessages.Request request = RobotMessages.build(webhook.kind(), webhook.format(), webhook.url(),
                        secret, notice, new RobotMessages.Subject(id.toString(), (String) row[2], row[3].toString(),
                                row[4].toString(), (String) row[5]), started);
                HttpRequest.Builder http = HttpRequest.newBuilder(URI.create(request.url()))
                        .timeout(config.timeout())
                        .header("Content-Type", "application/json; charset=utf-8")
                        .header(RobotMessages.DELIVERY_HEADER, id.toString())
                        .POST(HttpRequest.BodyPublishers.ofString(request.body(), StandardCharsets.UTF_8));
                if (secret != null) {
                    http.header(RobotMessages.SIGNATURE_HEADER, RobotMessages.bodySignature(secret, request.body()));
                }
                HttpResponse<String> response = client().send(http.build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                status = response.statusCode();
                error = status / 100 == 2 ? robotError(response.body()) : "HTTP " + status + ": "
                        + abbreviate(response.body());
            } catch (IOException | RuntimeException e) {
                error = e.getClass().getSimpleName() + ": " + e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                error = "interrupted";
            }
        }
        Map<String, Object> logged = new LinkedHashMap<>();
        logged.put("attempt", attempt);
        logged.put("at", started.toString());
        logged.put("status", status);
        logged.put("error", error);
        logged.put("millis", Duration.between(started, Instant.now()).toMillis());
        String state;
        Instant next = started;
        if (error == null) {
            state = "DELIVERED";
            metrics.attempted(WebhookMetrics.Outcome.DELIVERED);
        } else if (attempt >= config.maxAttempts() || webhook == null) {
            state = "FAILED";
            LOG.warnf("Webhook delivery %s to %s failed for good after %d attempts: %s", id, name, attempt, error);
            metrics.attempted(WebhookMetrics.Outcome.FAILED);
        } else {
            state = "PENDING";
            next = started.plus(backoff(attempt));
            metrics.attempted(WebhookMetrics.Outcome.RETRY);
        }
        em.createNativeQuery("""
                        UPDATE webhook_delivery
                        SET state = ?2, attempts = ?3, next_attempt_at = ?4, last_status = NULLIF(?5, -1), last_error = NULLIF(?6, ''),
                            delivered_at = CASE WHEN ?2 = 'DELIVERED' THEN now() END,
                            log = log || CAST(?7 AS jsonb)
                        WHERE id = ?1""")
                .setParameter(1, id)
                .setParameter(2, state)
                .setParameter(3, attempt)
                .setParameter(4, Timestamp.from(next))
                .setParameter(5, status == null ? -1 : status)
                .setParameter(6, error == null ? "" : error)
                .setParameter(7, json.valueToTree(List.of(logged)).toString())
                .executeUpdate();
    }

    /** The wait after {@code attempt} failed: initial × 2^(attempt−1), at most the maximum. */
    Duration backoff(int attempt) {
        Duration wait = config.initialBackoff().multipliedBy(1L << Math.min(attempt - 1, 20));
        return wait.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : wait;
    }

    /** The robots answer 200 with an error code ({@code errcode} 企业微信/钉钉, {@code code} 飞书) when they refuse. */
    private String robotError(String body) {
        try {
            JsonNode answer = json.readTree(body);
            for (String field : List.of("errcode", "code", "StatusCode")) {
                if (answer != null && answer.path(field).isNumber() && answer.path(field).asInt() != 0) {
                    return "refused: " + abbreviate(body);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not JSON: a plain 2xx is a delivery
        }
        return null;
    }

    private static String secret(WebhookConfig.Webhook webhook) throws IOException {
        if (webhook.secretFile().isPresent()) {
            return Files.readString(webhook.secretFile().get(), StandardCharsets.UTF_8).strip();
        }
        return webhook.secret().filter(s -> !s.isBlank()).orElse(null);
    }

    private HttpClient client() {
        if (client == null) {
            client = HttpClient.newBuilder().connectTimeout(config.timeout())
                    .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build();
        }
        return client;
    }

    private static String abbreviate(String text) {
        return text == null ? "" : text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
