package io.zhenggai.issue.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;

/** Who is calling: the subject of the bearer token, recorded as the actor of every event. */
@RequestScoped
public class CurrentActor {

    @Inject
    JsonWebToken token;

    public String id() {
        String subject = token.getSubject();
        if (subject == null || subject.isBlank()) {
            throw new DomainException(401, "unauthenticated", "Unauthenticated",
                    "A bearer token with a subject is required", null);
        }
        return subject;
    }
}
