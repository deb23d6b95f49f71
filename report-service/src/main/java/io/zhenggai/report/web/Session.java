package io.zhenggai.report.web;

import java.util.Collection;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.zhenggai.report.api.Roles;

/** The signed-in user of a page: name, roles and units from the verified token (cookie or bearer header). */
@RequestScoped
public class Session {

    @Inject
    JsonWebToken token;

    public boolean signedIn() {
        return token != null && token.getRawToken() != null;
    }

    /** The token itself, forwarded to issue-service with each write. */
    public String rawToken() {
        return token.getRawToken();
    }

    public String subject() {
        return token.getSubject();
    }

    public String name() {
        String name = token.getClaim("name");
        return name == null || name.isBlank() ? subject() : name;
    }

    public Set<String> roles() {
        Set<String> groups = token.getGroups();
        return groups == null ? Set.of() : groups;
    }

    public boolean has(String role) {
        return roles().contains(role);
    }

    public boolean isOffice() {
        return has(Roles.OFFICE);
    }

    public boolean isUnit() {
        return has(Roles.UNIT);
    }

    public boolean isLeader() {
        return has(Roles.LEADER);
    }

    public boolean isOperator() {
        return has(Roles.OPERATOR);
    }

    /** The roles as people call them, for the header. */
    public String roleLabel() {
        return roles().stream().map(Session::label).sorted().reduce((a, b) -> a + "、" + b).orElse("");
    }

    public List<String> units() {
        Object claim = token.getClaim("units");
        if (claim instanceof JsonArray array) {
            return array.stream().filter(JsonString.class::isInstance).map(v -> ((JsonString) v).getString()).toList();
        }
        if (claim instanceof Collection<?> values) {
            return values.stream().map(String::valueOf).toList();
        }
        return claim instanceof String unit ? List.of(unit) : List.of();
    }

    public List<Page> pages() {
        return Page.openTo(roles(), true);
    }

    static String label(String role) {
        return switch (role) {
            case Roles.OFFICE -> "整改办";
            case Roles.UNIT -> "责任单位";
            case Roles.LEADER -> "牵头领导";
            case Roles.VIEWER -> "查看";
            case Roles.OPERATOR -> "运维";
            default -> role;
        };
    }
}
