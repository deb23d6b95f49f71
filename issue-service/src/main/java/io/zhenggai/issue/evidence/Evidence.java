package io.zhenggai.issue.evidence;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.zhenggai.issue.ledger.EvidenceRef;

/**
 * 佐证材料: one upload of a file to an issue. Its bytes are in the {@link EvidenceStore} under {@link #sha256}; the
 * same bytes uploaded twice are two records over one stored copy. Evidence is part of the record: never changed,
 * never deleted.
 */
@Entity
@Table(name = "evidence")
public class Evidence extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "issue_id")
    public UUID issueId;

    /** The uploader's file name (NFC, checked by {@link FileNames}). */
    public String name;

    @Column(name = "media_type")
    public String mediaType;

    public long size;

    public String sha256;

    @Column(name = "uploaded_by")
    public String uploadedBy;

    @Column(name = "uploaded_at")
    public Instant uploadedAt;

    /** The issue's sequence of the event that recorded it. */
    public long sequence;

    EvidenceRef ref() {
        return new EvidenceRef(id, name, mediaType, size, sha256);
    }
}
