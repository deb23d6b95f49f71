package io.zhenggai.issue.ledger;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** 整改措施: an action taken for an issue (一是…二是…). */
@Entity
@Table(name = "measure")
public class Measure extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "issue_id")
    public UUID issueId;

    public int ordinal;

    public String text;

    @Column(name = "effective_date")
    public LocalDate effectiveDate;

    /** The measure's own deadline, as assigned; null when it has none. */
    public LocalDate deadline;

    @Column(name = "recorded_at")
    public Instant recordedAt;
}
