package io.zhenggai.report.api;

import java.util.Collection;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.zhenggai.report.projection.IssueVisibility;

/** Who is calling: the bearer token's subject (the author of what it writes) and which issues it may see listed. */
@RequestScoped
public class Caller {

    /** Roles that see every issue; a caller with none of them but {@code unit} sees its units' issues. */
    private static final Set<String> SEE_ALL = Set.of(Roles.OFFICE, Roles.LEADER, Roles.VIEWER, Roles.OPERATOR);

    @Inject
    JsonWebToken token;

    /** The token's subject; the operations are authenticated before they run, so there always is one. */
    public String subject() {
        String subject = token.getSubject();
        if (subject == null || subject.isBlank()) {
            throw new io.quarkus.security.UnauthorizedException("a bearer token with a subject is required");
        }
        return subject;
    }

    /** Every issue, or those of the {@code units} claim for a caller whose only reading role is {@code unit}. */
    public IssueVisibility visibility() {
        Set<String> groups = token.getGroups();
        if (groups != null && groups.stream().anyMatch(SEE_ALL::contains)) {
            return IssueVisibility.ALL;
        }
        return IssueVisibility.ofUnits(units());
    }

    private List<String> units() {
        Object claim = token.getClaim("units");
        if (claim instanceof JsonArray array) {
            return array.stream().filter(JsonString.class::isInstance).map(v -> ((JsonString) v).getString()).toList();
        }
        if (claim instanceof Collection<?> values) {
            return values.stream().map(String::valueOf).toList();
        }
        if (claim instanceof String unit) {
            return List.of(unit);
        }
        return List.of();
    }
}
