package io.zhenggai.issue.supervision;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

import io.zhenggai.issue.ledger.Caller;
import io.zhenggai.issue.ledger.LedgerException;
import io.zhenggai.issue.ledger.Roles;

/**
 * 待办与提醒: the items addressed to a caller: to its units (a unit user), to the office (an office user), to its name
 * (a leader). Whoever else asks has no inbox. An item of a unit is read for the unit once one of its users reads it.
 */
@ApplicationScoped
@Transactional
public class Inbox {

    public static final int MAX_SIZE = 500;
    public static final int MAX_PAGE = 100_000;

    private static final String COLUMNS = "id, kind, task, closed_at, recipient_kind, recipient, issue_id, "
            + "issue_title, title, message, level, event_type, event_id, position, actor, created_at, read_at, read_by";

    @Inject
    EntityManager em;

    /** Filters of a listing; each null is no filter. */
    public record Filter(Boolean unread, InboxKind kind, UUID issue, Boolean open, int page, int size) {
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public InboxView.Page list(Caller caller, Filter filter) {
        Recipients to = recipients(caller);
        StringBuilder where = new StringBuilder(to.sql());
        List<Object> parameters = new ArrayList<>(to.parameters());
        long unread = count(where + " AND read_at IS NULL", parameters);
        if (Boolean.TRUE.equals(filter.unread())) {
            where.append(" AND read_at IS NULL");
        } else if (Boolean.FALSE.equals(filter.unread())) {
            where.append(" AND read_at IS NOT NULL");
        }
        if (filter.kind() != null) {
            parameters.add(filter.kind().name());
            where.append(" AND kind = ?").append(parameters.size());
        }
        if (filter.issue() != null) {
            parameters.add(filter.issue());
            where.append(" AND issue_id = ?").append(parameters.size());
        }
        if (Boolean.TRUE.equals(filter.open())) {
            where.append(" AND task AND closed_at IS NULL");
        } else if (Boolean.FALSE.equals(filter.open())) {
            where.append(" AND NOT (task AND closed_at IS NULL)");
        }
        long total = count(where.toString(), parameters);
        Query query = em.createNativeQuery("SELECT " + COLUMNS + " FROM inbox_item WHERE " + where
                + " ORDER BY position DESC, recipient LIMIT " + filter.size() + " OFFSET "
                + (long) filter.page() * filter.size());
        bind(query, parameters);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        return new InboxView.Page(unread, total, filter.page(), filter.size(),
                rows.stream().map(Inbox::item).toList());
    }

    /** Marks an item of the caller's read (again: no change); any other item is not found. */
    public InboxView.Item markRead(Caller caller, UUID itemId) {
        Recipients to = recipients(caller);
        List<Object> parameters = new ArrayList<>(to.parameters());
        parameters.add(itemId);
        parameters.add(caller.id());
        Query update = em.createNativeQuery("UPDATE inbox_item SET read_at = now(), read_by = ?" + parameters.size()
                + " WHERE " + to.sql() + " AND id = ?" + (parameters.size() - 1) + " AND read_at IS NULL");
        bind(update, parameters);
        update.executeUpdate();
        parameters.remove(parameters.size() - 1);
        Query select = em.createNativeQuery("SELECT " + COLUMNS + " FROM inbox_item WHERE " + to.sql()
                + " AND id = ?" + parameters.size());
        bind(select, parameters);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = select.getResultList();
        if (rows.isEmpty()) {
            throw LedgerException.notFound("Inbox item", itemId);
        }
        return item(rows.get(0));
    }

    private record Recipients(String sql, List<Object> parameters) {
    }

    /** Who the caller receives as: its units, the office, its name. */
    private static Recipients recipients(Caller caller) {
        List<String> clauses = new ArrayList<>();
        List<Object> parameters = new ArrayList<>();
        if (caller.has(Roles.UNIT) && !caller.units().isEmpty()) {
            parameters.add(caller.units().toArray(String[]::new));
            clauses.add("(recipient_kind = 'UNIT' AND recipient = ANY(?" + parameters.size() + "))");
        }
        if (caller.has(Roles.OFFICE)) {
            clauses.add("recipient_kind = 'OFFICE'");
        }
        if (caller.has(Roles.LEADER) && caller.name() != null) {
            parameters.add(caller.name());
            clauses.add("(recipient_kind = 'LEADER' AND recipient = ?" + parameters.size() + ")");
        }
        return new Recipients(clauses.isEmpty() ? "false" : "(" + String.join(" OR ", clauses) + ")", parameters);
    }

    private long count(String where, List<Object> parameters) {
        Query query = em.createNativeQuery("SELECT count(*) FROM inbox_item WHERE " + where);
        bind(query, parameters);
        return ((Number) query.getSingleResult()).longValue();
    }

    private static void bind(Query query, List<Object> parameters) {
        for (int i = 0; i < parameters.size(); i++) {
            query.setParameter(i + 1, parameters.get(i));
        }
    }

    private static InboxView.Item item(Object[] row) {
        boolean task = (Boolean) row[2];
        return new InboxView.Item((UUID) row[0], InboxKind.valueOf((String) row[1]), task,
                task && row[3] == null, (String) row[4], (String) row[5], (UUID) row[6], (String) row[7],
                (String) row[8], (String) row[9], (String) row[10], (String) row[11], (UUID) row[12],
                ((Number) row[13]).longValue(), (String) row[14], instant(row[15]), row[16] != null,
                instant(row[16]), (String) row[17]);
    }

    static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        return ((Timestamp) value).toInstant();
    }
}
