package io.zhenggai.issue.ledger;

import java.util.Objects;
import java.util.Set;

/**
 * Who is asking, as the ledger needs to know it: the subject recorded as the actor of every event, the name a
 * leader acts by, the roles and the units a unit user acts for. Built by the API from the bearer token.
 *
 * @param id    the token's subject
 * @param name  the token's {@code name} claim (a lead leader is matched by it); may be null
 * @param roles the token's {@code groups}
 * @param units the token's {@code units}: the responsible units a {@code unit} user acts for
 */
public record Caller(String id, String name, Set<String> roles, Set<String> units) {

    public Caller {
        Objects.requireNonNull(id, "id");
        roles = roles == null ? Set.of() : Set.copyOf(roles);
        units = units == null ? Set.of() : Set.copyOf(units);
    }

    public boolean has(String role) {
        return roles.contains(role);
    }
}
