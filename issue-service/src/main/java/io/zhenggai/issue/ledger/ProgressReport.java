package io.zhenggai.issue.ledger;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** 整改成效/进展: dated text about an issue, with its readings. */
@Entity
@Table(name = "progress_report")
public class ProgressReport extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "issue_id")
    public UUID issueId;

    @Column(name = "as_of")
    public LocalDate asOf;

    public String text;

    @JdbcTypeCode(SqlTypes.JSON)
    public List<Reading> readings;

    public String actor;

    @Column(name = "recorded_at")
    public Instant recordedAt;

    /** The issue's sequence of the event that recorded it. */
    public long sequence;

    /** Where its readings came from: the text, the caller's explicit readings, or both. */
    @Enumerated(EnumType.STRING)
    public ReadingSource source;

    /** The consistency findings on its text (a rate against its parts …), as warnings. */
    @JdbcTypeCode(SqlTypes.JSON)
    public List<ReportWarning> warnings = List.of();

    /** The responsible unit it was reported for; null when the office reported it. */
    public String unit;

    /** The report this one corrects (更正): it has the same as-of date. */
    public UUID corrects;

    /** The report that corrected this one. */
    @Column(name = "superseded_by")
    public UUID supersededBy;

    /** Withdrawn (撤回) with a reason: it no longer counts, and it stays in the history. */
    public boolean withdrawn;

    /** Whether it still counts: neither corrected nor withdrawn. */
    public boolean current() {
        return supersededBy == null && !withdrawn;
    }

    /** The evidence (佐证材料) the report refers to. */
    @JdbcTypeCode(SqlTypes.JSON)
    public List<EvidenceRef> attachments = new ArrayList<>();
}
