package io.zhenggai.issue.api;

/**
 * The roles of a token's {@code groups} claim. For now {@code office} may do everything and the others may read;
 * finer scoping (a unit user to its own units) comes later.
 */
public final class Roles {

    public static final String OFFICE = "office";
    public static final String UNIT = "unit";
    public static final String LEADER = "leader";
    public static final String VIEWER = "viewer";
    public static final String OPERATOR = "operator";

    private Roles() {
    }
}
