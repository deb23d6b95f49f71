package io.zhenggai.issue.api;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.UnauthorizedException;
import io.zhenggai.issue.ledger.Caller;

/**
 * Who is calling, for the ledger: the bearer token's {@code sub}, {@code name}, {@code groups} and {@code units}
 * claims as a {@link Caller}. The subject is recorded as the actor of every event.
 */
@RequestScoped
public class CurrentCaller {

    @Inject
    JsonWebToken token;

    public Caller get() {
        String subject = token.getSubject();
        if (subject == null || subject.isBlank()) {
            throw new UnauthorizedException("A bearer token with a subject is required");
        }
        return new Caller(subject, text(token.getClaim("name")), token.getGroups(), texts(token.getClaim("units")));
    }

    /** A string claim: JSON-P or plain, as the token parser gives it. */
    private static String text(Object claim) {
        if (claim instanceof JsonString json) {
            return json.getString();
        }
        return claim instanceof String plain ? plain : null;
    }

    /** An array claim (or a single string), its strings only. */
    private static Set<String> texts(Object claim) {
        Set<String> values = new LinkedHashSet<>();
        if (claim instanceof JsonArray array) {
            for (JsonValue value : array) {
                if (value instanceof JsonString json) {
                    values.add(json.getString());
                }
            }
        } else if (claim instanceof Collection<?> collection) {
            collection.forEach(value -> {
                String text = text(value);
                if (text != null) {
                    values.add(text);
                }
            });
        } else if (text(claim) != null) {
            values.add(text(claim));
        }
        return values;
    }
}
