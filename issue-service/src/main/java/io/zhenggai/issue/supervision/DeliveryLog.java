package io.zhenggai.issue.supervision;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The webhook delivery log, for operators: each delivery with its state and every attempt. */
@ApplicationScoped
public class DeliveryLog {

    public static final int MAX_LIMIT = 500;

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    /** One delivery; {@code attempts} lists every attempt with its time, HTTP status, error and duration. */
    public record Delivery(UUID id, String webhook, String eventType, UUID eventId, UUID issueId, String level,
                           String title, String state, int attemptCount, Instant nextAttemptAt, Instant createdAt,
                           Instant deliveredAt, Integer lastStatus, String lastError, JsonNode attempts) {
    }

    /** The newest deliveries first, optionally of one state, webhook or event. */
    @Transactional(Transactional.TxType.SUPPORTS)
    @SuppressWarnings("unchecked")
    public List<Delivery> list(String state, String webhook, UUID eventId, int limit) {
        StringBuilder where = new StringBuilder("true");
        List<Object> parameters = new java.util.ArrayList<>();
        if (state != null) {
            parameters.add(state);
            where.append(" AND state = ?").append(parameters.size());
        }
        if (webhook != null) {
            parameters.add(webhook);
            where.append(" AND webhook = ?").append(parameters.size());
        }
        if (eventId != null) {
            parameters.add(eventId);
            where.append(" AND event_id = ?").append(parameters.size());
        }
        var query = em.createNativeQuery("""
                SELECT id, webhook, event_type, event_id, issue_id, level, title, state, attempts,
                       next_attempt_at, created_at, delivered_at, last_status, last_error, CAST(log AS TEXT)
                FROM webhook_delivery WHERE """ + " " + where + " ORDER BY created_at DESC, id LIMIT " + limit);
        for (int i = 0; i < parameters.size(); i++) {
            query.setParameter(i + 1, parameters.get(i));
        }
        List<Object[]> rows = query.getResultList();
        return rows.stream().map(this::delivery).toList();
    }

    private Delivery delivery(Object[] row) {
        try {
            return new Delivery((UUID) row[0], (String) row[1], (String) row[2], (UUID) row[3], (UUID) row[4],
                    (String) row[5], (String) row[6], (String) row[7], ((Number) row[8]).intValue(),
                    Inbox.instant(row[9]), Inbox.instant(row[10]), Inbox.instant(row[11]),
                    row[12] == null ? null : ((Number) row[12]).intValue(), (String) row[13],
                    json.readTree((String) row[14]));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
