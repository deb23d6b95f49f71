package io.zhenggai.issue.ledger;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** 延期申请: the lead unit asks for a later deadline with a reason; the office approves or rejects it. */
@Entity
@Table(name = "extension_request")
public class ExtensionRequest extends PanacheEntityBase {

    /** The office's answer to an extension request. */
    public enum Decision {
        APPROVED, REJECTED
    }

    @Id
    public UUID id;

    @Column(name = "issue_id")
    public UUID issueId;

    @Column(name = "current_deadline")
    public LocalDate currentDeadline;

    @Column(name = "requested_deadline")
    public LocalDate requestedDeadline;

    public String reason;

    /** The lead unit that asked. */
    public String unit;

    @Column(name = "requested_by")
    public String requestedBy;

    @Column(name = "requested_at")
    public Instant requestedAt;

    /** Null while pending. */
    @Enumerated(EnumType.STRING)
    public Decision decision;

    @Column(name = "decision_note")
    public String decisionNote;

    @Column(name = "decided_by")
    public String decidedBy;

    @Column(name = "decided_at")
    public Instant decidedAt;

    public boolean pending() {
        return decision == null;
    }
}
