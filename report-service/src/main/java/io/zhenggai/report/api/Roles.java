package io.zhenggai.report.api;

/**
 * The roles of a token's {@code groups} claim, as issue-service names them, and who may call what here:
 * <ul>
 *   <li>{@link #OFFICE} (整改办): defines indicators, reads everything;</li>
 *   <li>{@link #UNIT} (责任单位, with the {@code units} claim): reads totals and indicators as a bulletin prints them;
 *       lists of individual issues show only the issues of its units;</li>
 *   <li>{@link #LEADER}, {@link #VIEWER}: read everything, change nothing;</li>
 *   <li>{@link #OPERATOR}: runs the service (replays, generations, gap skips, the intake's status) and reads the
 *       reports, since checking a rebuilt generation means comparing its answers; defines no indicators.</li>
 * </ul>
 * Any other role, {@code journal-reader} (report-service's own identity towards issue-service) among them, may call
 * nothing here.
 */
public final class Roles {

    public static final String OFFICE = "office";
    public static final String UNIT = "unit";
    public static final String LEADER = "leader";
    public static final String VIEWER = "viewer";
    public static final String OPERATOR = "operator";

    /** The OpenAPI extension on the operations whose lists a {@code unit} caller sees cut to its units. */
    public static final String UNIT_SCOPED = "x-unit-scoped";

    private Roles() {
    }
}
