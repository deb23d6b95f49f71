package io.zhenggai.issue.ledger;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.jpa.HibernateHints;
import org.hibernate.query.NativeQuery;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** 巡察: one inspection round and its feedback tree. Identified by team + target unit + feedback date. */
@Entity
@Table(name = "inspection")
public class Inspection extends PanacheEntityBase {

    @Id
    public UUID id;

    public String team;

    @Column(name = "target_unit")
    public String targetUnit;

    /** Comma-separated {@link InspectionKind} names. */
    public String kinds;

    @Column(name = "special_theme")
    public String specialTheme;

    @Column(name = "on_site_from")
    public LocalDate onSiteFrom;

    @Column(name = "on_site_to")
    public LocalDate onSiteTo;

    @Column(name = "feedback_date")
    public LocalDate feedbackDate;

    @Column(name = "declared_aspects")
    public Integer declaredAspects;

    @Column(name = "declared_categories")
    public Integer declaredCategories;

    @Column(name = "declared_issues")
    public Integer declaredIssues;

    @Column(name = "declared_suggestions")
    public Integer declaredSuggestions;

    @JdbcTypeCode(SqlTypes.JSON)
    public List<FeedbackTree.FeedbackList> lists;

    /** The last journal sequence of this aggregate. */
    public long sequence;

    @Column(name = "created_at")
    public Instant createdAt;

    /** Inspections kept for reading, by id; an entry stands while its sequence is the inspection's. */
    private static final Map<UUID, Inspection> FOR_READING = new ConcurrentHashMap<>();
    private static final int FOR_READING_MAX = 1000;

    /**
     * An issue's inspection, to read its tree and dates only; the caller must not change it. The feedback tree is a
     * large JSON document that a change to one issue never alters, so it is not read (nor parsed) per request: the
     * inspection is kept once read, and only its sequence is asked of the database, which any change of the
     * inspection bumps. Once, it is loaded read-only (neither deep-copied for nor compared at the flush).
     */
    public static Inspection forReading(UUID id) {
        // SQL rather than HQL: an HQL query is translated again on every run; synchronised with this entity only, so
        // that it flushes nothing else
        List<?> sequence = getEntityManager().createNativeQuery("SELECT sequence FROM inspection WHERE id = ?1")
                .unwrap(NativeQuery.class).addSynchronizedEntityClass(Inspection.class)
                .setParameter(1, id).getResultList();
        if (sequence.isEmpty()) {
            return null;
        }
        return forReading(id, ((Number) sequence.get(0)).longValue());
    }

    /**
     * {@link #forReading(UUID)} for a caller that read the inspection's sequence itself (with the issue's row): the
     * database is asked only when the inspection kept is not of that sequence.
     */
    public static Inspection forReading(UUID id, long sequence) {
        Inspection kept = FOR_READING.get(id);
        if (kept != null && kept.sequence == sequence) {
            return kept;
        }
        Inspection loaded = getEntityManager().find(Inspection.class, id, Map.of(HibernateHints.HINT_READ_ONLY, true));
        if (loaded != null) {
            if (FOR_READING.size() >= FOR_READING_MAX) {
                FOR_READING.clear();
            }
            FOR_READING.put(id, loaded.detachedCopy());
        }
        return loaded;
    }

    /** A copy outside any persistence context, sharing the (never changed) tree. */
    private Inspection detachedCopy() {
        Inspection copy = new Inspection();
        copy.id = id;
        copy.team = team;
        copy.targetUnit = targetUnit;
        copy.kinds = kinds;
        copy.specialTheme = specialTheme;
        copy.onSiteFrom = onSiteFrom;
        copy.onSiteTo = onSiteTo;
        copy.feedbackDate = feedbackDate;
        copy.declaredAspects = declaredAspects;
        copy.declaredCategories = declaredCategories;
        copy.declaredIssues = declaredIssues;
        copy.declaredSuggestions = declaredSuggestions;
        copy.lists = lists == null ? null : List.copyOf(lists);
        copy.sequence = sequence;
        copy.createdAt = createdAt;
        return copy;
    }

    public List<InspectionKind> kindList() {
        return kinds == null || kinds.isEmpty() ? List.of()
                : java.util.Arrays.stream(kinds.split(",")).map(InspectionKind::valueOf).toList();
    }
}
