package io.zhenggai.report.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;

/**
 * What every page's layout needs (who is signed in, the navigation of their role, the CSRF token), and the API's
 * answers as templates read them: the very JSON the API sends, as maps and lists, so a page shows what the API says.
 */
@RequestScoped
public class Views {

    /** The signed-in user as the layout shows them. */
    @TemplateData
    public record Me(boolean signedIn, String name, String roleLabel, List<String> units, List<Page> pages,
                     boolean office, boolean unit, boolean leader, boolean operator) {
    }

    @Inject
    Session session;

    @Inject
    Csrf csrf;

    @Inject
    ObjectMapper json;

    public TemplateInstance page(Template template, Page current, String title) {
        Me me = session.signedIn()
                ? new Me(true, session.name(), session.roleLabel(), session.units(), session.pages(),
                session.isOffice(), session.isUnit(), session.isLeader(), session.isOperator())
                : new Me(false, null, null, List.of(), List.of(), false, false, false, false);
        return template.data("me", me).data("current", current == null ? null : current.name())
                .data("title", title).data("csrf", csrf.token())
                .data("csrfHeaders", "{\"" + Csrf.HEADER + "\":\"" + csrf.token() + "\"}");
    }

    /** An API answer (a record) as maps and lists, exactly as its JSON. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> tree(Object answer) {
        return answer == null ? Map.of() : json.convertValue(answer, LinkedHashMap.class);
    }

    @SuppressWarnings("unchecked")
    public List<Object> list(Object answer) {
        return answer == null ? List.of() : json.convertValue(answer, List.class);
    }

    public String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
