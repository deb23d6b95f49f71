package io.zhenggai.issue.ledger;

/**
 * The roles of a token's {@code groups} claim. What each may do is stated once: on the resources by
 * {@code @RolesAllowed} (which role may call an operation at all) and in {@link Access} (on which issues).
 */
public final class Roles {

    /** 巡察办/整改办: inspections, imports, responsibility and deadlines, verification and closing (销号), corrections. */
    public static final String OFFICE = "office";
    /** A responsible unit (责任单位): reads and reports on the issues of its {@code units} only; never closes. */
    public static final String UNIT = "unit";
    /** A lead leader (牵头领导): reads everything; acts only on the issues it leads, by its {@code name}. */
    public static final String LEADER = "leader";
    /** Reads everything, changes nothing. */
    public static final String VIEWER = "viewer";
    /** Operations staff: the journal (read and republish), never the ledger itself. */
    public static final String OPERATOR = "operator";
    /** report-service's own identity: reads the journal to rebuild its projections, nothing else. */
    public static final String JOURNAL_READER = "journal-reader";

    private Roles() {
    }
}
