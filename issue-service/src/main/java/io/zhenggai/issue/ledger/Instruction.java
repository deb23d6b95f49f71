package io.zhenggai.issue.ledger;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** 领导批示: an instruction a lead leader adds to an issue it leads, for the units that act on it. */
@Entity
@Table(name = "instruction")
public class Instruction extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "issue_id")
    public UUID issueId;

    /** The leader's name, as the issue's lead leaders list it. */
    public String leader;

    public String text;

    /** The token subject of the leader. */
    public String actor;

    @Column(name = "recorded_at")
    public Instant recordedAt;

    /** The issue's sequence of the event that recorded it. */
    public long sequence;
}
