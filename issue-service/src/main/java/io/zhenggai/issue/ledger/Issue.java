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

/** 问题: one rectification item, a leaf of an inspection's feedback tree, tracked to closure (销号). */
@Entity
@Table(name = "issue")
public class Issue extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "inspection_id")
    public UUID inspectionId;

    @Column(name = "list_key")
    public String listKey;

    @Column(name = "aspect_path")
    public String aspectPath;

    @Column(name = "group_title")
    public String groupTitle;

    @Column(name = "category_path")
    public String categoryPath;

    public String path;

    public String numbering;

    public int ordinal;

    public String title;

    public String description;

    /** 牵头领导: may be empty (unknown), never invented. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "lead_leaders")
    public List<String> leadLeaders = new ArrayList<>();

    /** 责任单位: may be empty (unknown), never invented. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "responsible_units")
    public List<String> responsibleUnits = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> tags = new ArrayList<>();

    /** 完成时限, a date in Asia/Shanghai. */
    public LocalDate deadline;

    @Enumerated(EnumType.STRING)
    public IssueStatus status;

    @Column(name = "status_label")
    public String statusLabel;

    @Column(name = "completed_by")
    public String completedBy;

    @Column(name = "last_progress_date")
    public LocalDate lastProgressDate;

    /** 牵头单位: the lead unit, also first in {@link #responsibleUnits}; null while there are none. */
    @Column(name = "lead_unit")
    public String leadUnit;

    /** 交办/签收: null until the office assigns the issue, then ASSIGNED until the lead unit signs for it. */
    @Enumerated(EnumType.STRING)
    @Column(name = "assignment_state")
    public AssignmentState assignmentState;

    @Column(name = "assigned_at")
    public Instant assignedAt;

    @Column(name = "signed_at")
    public Instant signedAt;

    @Column(name = "signed_by")
    public String signedBy;

    /** The deadline as the office set it: approved extensions move {@link #deadline}, never this. */
    @Column(name = "original_deadline")
    public LocalDate originalDeadline;

    /** Approved extensions (延期) so far. */
    @Column(name = "extension_count")
    public int extensionCount;

    /** RETURN steps (退回) so far. */
    @Column(name = "returned_count")
    public int returnedCount;

    /** The request waiting for the office's decision: a completion (申请销号) or an extension (延期申请). */
    @Enumerated(EnumType.STRING)
    @Column(name = "awaiting_decision")
    public AwaitingDecision awaitingDecision;

    /** The last journal sequence of this aggregate: the ETag. */
    public long sequence;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
