package io.zhenggai.report.memory;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The issues of a generation in memory (issue 16): the live issue view, the effective timeline and the recorded
 * versions with their attributes, kept current from the generation's change feed, so that counts, breakdowns and
 * answers as of a moment are counted in memory instead of scanned in PostgreSQL. SKELETON: filled in by the engine.
 */
@ApplicationScoped
public class IssueMemory {

    /**
     * Loads the issues of {@code schema} and keeps them current from then on, whatever generation is active: the
     * active generation's index is loaded by itself; tests load the generation they work in.
     */
    public void load(String schema) {
    }

    /** The index of the schema the current transaction is bound to, caught up with every committed change. */
    public Optional<IssueIndex> current() {
        return Optional.empty();
    }

    /** How many answers were counted in memory since start (tests assert that the memory answered, not the SQL). */
    public long served() {
        return 0;
    }
}
