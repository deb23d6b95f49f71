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

    /** The last journal sequence of this aggregate: the ETag. */
    public long sequence;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
