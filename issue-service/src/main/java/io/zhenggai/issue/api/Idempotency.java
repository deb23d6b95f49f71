package io.zhenggai.issue.api;

import java.util.List;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.zhenggai.issue.ledger.Digests;
import io.zhenggai.issue.ledger.IssueView;
import io.zhenggai.issue.ledger.LedgerException;
import io.zhenggai.issue.ledger.Texts;

/**
 * {@code Idempotency-Key} for POSTs: the first answer is stored in the same transaction as the change it made, and
 * a retry with the same key and body gets that answer again without recording anything twice. The same key with a
 * different body is refused (422). A failed request stores nothing, so its retry runs again.
 */
@ApplicationScoped
public class Idempotency {

    public static final String HEADER = "Idempotency-Key";

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    /** A successful answer: status, ETag, Location and body. */
    public record Answer(int status, String etag, String location, Object body) {
    }

    /**
     * A POST that changes one issue, run once per (actor, key): the answer is the issue, its ETag the issue's
     * sequence, and {@code location} (or null) where it lives.
     */
    @Transactional
    public Response issueStep(String actor, String key, String path, Object request, int status, String location,
                              Supplier<IssueView> step) {
        return run(actor, key, "POST", path, request, () -> {
            IssueView updated = step.get();
            return new Answer(status, String.valueOf(updated.sequence()), location, updated);
        });
    }

    /** Runs {@code command} once per (actor, key); without a key it simply runs. */
    @Transactional
    public Response run(String actor, String key, String method, String path, Object request,
                        Supplier<Answer> command) {
        if (key == null || key.isBlank()) {
            return respond(command.get(), false);
        }
        if (key.length() > 200 || !Texts.isStorable(key)) {
            throw LedgerException.invalid(HEADER, "an Idempotency-Key is a text of at most 200 characters");
        }
        String fingerprint = method + " " + path + " " + Digests.sha256(serialize(request));
        int claimed = em.createNativeQuery("""
                        INSERT INTO idempotency_key (actor, key, fingerprint, status, created_at)
                        VALUES (?1, ?2, ?3, 0, now()) ON CONFLICT (actor, key) DO NOTHING""")
                .setParameter(1, actor).setParameter(2, key).setParameter(3, fingerprint).executeUpdate();
        if (claimed == 0) {
            Object[] stored = (Object[]) em.createNativeQuery("""
                            SELECT fingerprint, status, etag, location, body FROM idempotency_key
                            WHERE actor = ?1 AND key = ?2""")
                    .setParameter(1, actor).setParameter(2, key).getSingleResult();
            if (!fingerprint.equals(stored[0])) {
                throw new LedgerException(LedgerException.Kind.INVALID, "idempotency-key-reused",
                        "Idempotency-Key reused", "This Idempotency-Key was used for a different request",
                        List.of(new LedgerException.FieldError(HEADER, "used before with another body or path")));
            }
            Response.ResponseBuilder replay = Response.status(((Number) stored[1]).intValue())
                    .entity(stored[4]).type("application/json").header("Idempotent-Replayed", "true");
            if (stored[2] != null) {
                replay.tag((String) stored[2]);
            }
            if (stored[3] != null) {
                replay.header("Location", stored[3]);
            }
            return replay.build();
        }
        Answer answer = command.get();
        em.createNativeQuery("""
                        UPDATE idempotency_key SET status = ?3, etag = ?4, location = ?5, body = ?6
                        WHERE actor = ?1 AND key = ?2""")
                .setParameter(1, actor).setParameter(2, key).setParameter(3, answer.status())
                .setParameter(4, answer.etag()).setParameter(5, answer.location())
                .setParameter(6, serialize(answer.body())).executeUpdate();
        return respond(answer, false);
    }

    private static Response respond(Answer answer, boolean replayed) {
        Response.ResponseBuilder response = Response.status(answer.status()).entity(answer.body());
        if (answer.etag() != null) {
            response.tag(answer.etag());
        }
        if (answer.location() != null) {
            response.header("Location", answer.location());
        }
        if (replayed) {
            response.header("Idempotent-Replayed", "true");
        }
        return response.build();
    }

    private String serialize(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

}
