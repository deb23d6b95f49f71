package io.zhenggai.report.web;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

import io.zhenggai.report.api.Roles;

/**
 * The pages of the web app and the roles that may open them: the navigation shows a caller only its pages, and each
 * page's resource method allows the same roles ({@code WebAccessTest} checks that both agree).
 */
@io.quarkus.qute.TemplateData
public enum Page {
    OVERVIEW("总览", "/", Roles.OFFICE, Roles.UNIT, Roles.LEADER, Roles.VIEWER, Roles.OPERATOR),
    SCREEN("大屏", "/screen", Roles.OFFICE, Roles.UNIT, Roles.LEADER, Roles.VIEWER, Roles.OPERATOR),
    LEDGER("台账", "/issues", Roles.OFFICE, Roles.UNIT, Roles.LEADER, Roles.VIEWER),
    INBOX("我的待办", "/inbox", Roles.UNIT),
    REVIEW("审核", "/review", Roles.OFFICE),
    IMPORTS("导入与通报", "/imports", Roles.OFFICE),
    INDICATORS("指标", "/indicators", Roles.OFFICE),
    OPS("运维", "/ops", Roles.OPERATOR);

    private final String title;
    private final String path;
    private final Set<String> roles;

    Page(String title, String path, String... roles) {
        this.title = title;
        this.path = path;
        this.roles = Set.of(roles);
    }

    public String title() {
        return title;
    }

    public String path() {
        return path;
    }

    public Set<String> roles() {
        return roles;
    }

    public boolean openTo(Set<String> groups) {
        return groups.stream().anyMatch(roles::contains);
    }

    /** The pages a caller with these roles may open, in navigation order. */
    public static List<Page> openTo(Set<String> groups, boolean withScreen) {
        return Arrays.stream(values()).filter(p -> p.openTo(groups)).filter(p -> withScreen || p != SCREEN).toList();
    }
}
