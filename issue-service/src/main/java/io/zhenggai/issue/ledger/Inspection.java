package io.zhenggai.issue.ledger;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
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

    /**
     * An issue's inspection, to read its tree and dates only: loaded read-only, so its JSON tree is neither
     * deep-copied for nor compared at the flush (it is a large document, and a change to one issue never alters it).
     */
    public static Inspection forReading(UUID id) {
        return getEntityManager().find(Inspection.class, id,
                java.util.Map.of(org.hibernate.jpa.HibernateHints.HINT_READ_ONLY, true));
    }

    public List<InspectionKind> kindList() {
        return kinds == null || kinds.isEmpty() ? List.of()
                : java.util.Arrays.stream(kinds.split(",")).map(InspectionKind::valueOf).toList();
    }
}
