package io.zhenggai.report.memory;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.zhenggai.report.projection.IssueAttributes;
import io.zhenggai.report.projection.IssueState;
import io.zhenggai.report.store.ChangeFeed;

/**
 * Reads a generation's issues into an {@link IssueIndex}: all of them, or the issues and inspections a change named.
 * Plain JDBC on a connection the caller holds in a REPEATABLE READ transaction, so that what it reads is one snapshot
 * and the change number read in it ({@link #clock}) says exactly which changes it holds. Days are read as epoch days
 * and instants as microseconds by PostgreSQL itself ({@code infinity} as the largest value), so that nothing is
 * converted twice.
 */
final class IndexLoader {

    private static final Pattern SCHEMA = Pattern.compile("gen_[1-9][0-9]{0,8}");
    private static final String EPOCH = "DATE '1970-01-01'";
    /** The state columns every row of the three relations has, as {@link #state} reads them (by name). */
    private static final String STATE = "inspection_id, " + day("deadline") + ", status, " + day("completed_on")
            + ", " + day("last_progress_date") + ", " + day("created_on") + ", reopened, " + day("original_deadline")
            + ", assignment_state, extension_count, returned_count, awaiting_decision";
    /** The attributes the index keeps, as {@link #attributes} reads them (by name). */
    private static final String ATTRIBUTES = "list_key, aspect_path, aspect_numbering, aspect_title, group_title, "
            + "category_path, category_numbering, category_title, ordinal, lead_leaders, responsible_units, tags, "
            + "lead_unit";

    private final Connection connection;
    private final String schema;
    private final ObjectMapper json;
    private final Map<String, String> strings = new HashMap<>();
    private final Map<IssueAttributes, IssueAttributes> interned = new HashMap<>();
    private final Map<UUID, IssueState.Inspection> inspectionKeys;
    private final Map<UUID, IssueAttributes> attributes;

    IndexLoader(Connection connection, String schema, ObjectMapper json, Map<UUID, IssueState.Inspection> keys,
                Map<UUID, IssueAttributes> attributes) {
        if (!SCHEMA.matcher(schema).matches()) {
            throw new IllegalArgumentException("not a generation schema: " + schema);
        }
        this.connection = connection;
        this.schema = schema;
        this.json = json;
        this.inspectionKeys = keys;
        this.attributes = attributes;
    }

    /** The generation's change number in this snapshot. */
    long clock() throws SQLException {
        return ChangeFeed.clock(connection, schema);
    }

    /**
     * The changes after number {@code after} in this snapshot: every aggregate they name, and the number they reach;
     * incomplete when the log no longer holds all of them (pruned): then only a whole reload is exact.
     */
    ChangeFeed.Changes changed(long after) throws SQLException {
        return ChangeFeed.since(connection, schema, after, Integer.MAX_VALUE);
    }

    /** The labels of the inspections (all when {@code ids} is null), and which of {@code ids} no longer exist. */
    Map<UUID, IssueIndex.InspectionLabel> inspections(Collection<UUID> ids) throws SQLException {
        Map<UUID, IssueIndex.InspectionLabel> labels = new HashMap<>();
        try (PreparedStatement statement = prepare("SELECT id, team || ' → ' || target_unit || '（' "
                + "|| feedback_date "
                + "|| '）', lists::text FROM " + schema + ".inspection_view", "id", ids);
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                labels.put((UUID) rows.getObject(1), new IssueIndex.InspectionLabel(rows.getString(2),
                        listTitles(rows.getString(3))));
            }
        }
        return labels;
    }

    /** Every issue (when {@code ids} is null) or the issues among {@code ids}, each with all its rows. */
    List<IssueIndex.Entry> issues(Collection<UUID> ids) throws SQLException {
        return issues(ids, Map.of());
    }

    /**
     * The same, where the versions of an issue named in {@code tails} ({@link IssueIndex#versionTails}) are only those
     * ending at or after its instant: the index keeps the others. A catch-up reads an issue's whole history otherwise,
     * which grows with every change to it. When the versions read and those kept do not add up to the issue's count,
     * its whole history is read after all (an issue gone, or history written otherwise than by the projection's rule).
     */
    List<IssueIndex.Entry> issues(Collection<UUID> ids, Map<UUID, long[]> tails) throws SQLException {
        Map<UUID, Builder> issues = new HashMap<>();
        loadAttributes(ids);
        try (PreparedStatement statement = prepare("SELECT id, " + STATE + ", " + ATTRIBUTES + " FROM " + schema
                + ".issue_view", "id", ids); ResultSet rows = statement.executeQuery()) {
            Positions columns = new Positions(rows);
            int id = rows.findColumn("id");
            while (rows.next()) {
                IssueAttributes a = attributes(rows, columns);
                issues.computeIfAbsent((UUID) rows.getObject(id), Builder::new).live = state(rows, columns, a);
            }
        }
        try (PreparedStatement statement = prepare("SELECT issue_id, " + day("valid_from")
                + ", CASE WHEN isfinite(valid_to) THEN valid_to - " + EPOCH + " ELSE 2147483647 END AS valid_to, "
                + "attributes_id, " + STATE + " FROM " + schema + ".issue_timeline", "issue_id", ids);
             ResultSet rows = statement.executeQuery()) {
            Positions state = new Positions(rows);
            int issueId = rows.findColumn("issue_id");
            int from = rows.findColumn("valid_from");
            int to = rows.findColumn("valid_to");
            int attributesId = rows.findColumn("attributes_id");
            while (rows.next()) {
                Builder issue = issues.computeIfAbsent((UUID) rows.getObject(issueId), Builder::new);
                issue.segment(rows.getInt(from), rows.getInt(to),
                        state(rows, state, attributes.get(rows.getObject(attributesId))));
            }
        }
        String columns = "issue_id, " + micros("recorded_from") + ", " + micros("recorded_to") + ", attributes_id, "
                + STATE;
        String versions = "SELECT " + columns + " FROM " + schema + ".issue_version";
        if (ids == null || tails.isEmpty()) {
            readVersions(prepare(versions, "issue_id", ids), issues, false);
        } else {
            List<UUID> named = new ArrayList<>(ids);
            Long[] since = new Long[named.size()];
            for (int i = 0; i < since.length; i++) {
                long[] tail = tails.get(named.get(i));
                since[i] = tail == null ? null : tail[0];
            }
            // per issue its versions counted, and those from its instant on read (the columns computed for those
            // only: a window over all of them computed every column of every version; 22 µs a row returned then, 18
            // now, in a live intake of 1,000,000 events)
            PreparedStatement statement = connection.prepareStatement("SELECT x.*, n.total FROM unnest(CAST(? AS "
                    + "uuid[]), CAST(? AS bigint[])) AS u(id, since) CROSS JOIN LATERAL (SELECT count(*) AS total "
                    + "FROM " + schema + ".issue_version c WHERE c.issue_id = u.id) n CROSS JOIN LATERAL (SELECT "
                    + columns + " FROM " + schema + ".issue_version WHERE issue_id = u.id AND (u.since IS NULL "
                    + "OR recorded_to >= TIMESTAMPTZ 'epoch' + u.since * INTERVAL '1 microsecond')) x");
            statement.setArray(1, connection.createArrayOf("uuid", named.toArray()));
            statement.setArray(2, connection.createArrayOf("int8", since));
            readVersions(statement, issues, true);
            // every version is either kept or read: otherwise read the issue's whole history
            List<UUID> whole = new ArrayList<>();
            tails.forEach((id, tail) -> {
                Builder issue = issues.get(id);
                long read = issue == null ? 0 : issue.versionCount;
                if (read > 0 && tail[1] + read == issue.versionTotal) {
                    issue.versionsSince = tail[0];
                } else {
                    whole.add(id);
                    if (issue != null) {
                        issue.versionCount = 0;
                    }
                }
            });
            if (!whole.isEmpty()) {
                readVersions(prepare(versions, "issue_id", whole), issues, false);
            }
        }
        if (ids != null) {
            // an issue named by the change with no row left is removed from the index
            for (UUID id : ids) {
                issues.computeIfAbsent(id, Builder::new);
            }
        }
        List<IssueIndex.Entry> entries = new ArrayList<>(issues.size());
        for (Builder issue : issues.values()) {
            entries.add(issue.build());
        }
        return entries;
    }

    /** The attribute rows the issues' history refers to, those not read before. */
    private void loadAttributes(Collection<UUID> issueIds) throws SQLException {
        try (PreparedStatement statement = prepare("SELECT id, " + ATTRIBUTES + ", inspection_id FROM " + schema
                + ".issue_attributes", "issue_id", issueIds); ResultSet rows = statement.executeQuery()) {
            Positions description = new Positions(rows);
            int key = rows.findColumn("id");
            while (rows.next()) {
                UUID id = (UUID) rows.getObject(key);
                if (!attributes.containsKey(id)) {
                    attributes.put(id, attributes(rows, description));
                }
            }
        }
    }

    private IssueState state(ResultSet rows, Positions c, IssueAttributes a) throws SQLException {
        return new IssueState(a, inspection((UUID) rows.getObject(c.inspection)), day(rows, c.deadline),
                IssueState.status(rows.getString(c.status)), day(rows, c.completedOn), day(rows, c.lastProgress),
                day(rows, c.createdOn), day(rows, c.originalDeadline),
                IssueState.assignment(rows.getString(c.assignment)), IssueState.awaiting(rows.getString(c.awaiting)),
                rows.getInt(c.reopened), rows.getInt(c.extensions), rows.getInt(c.returned));
    }

    private IssueAttributes attributes(ResultSet rows, Positions c) throws SQLException {
        return intern(new IssueAttributes(inspection((UUID) rows.getObject(c.inspection)), text(rows, c.listKey),
                text(rows, c.aspectPath), text(rows, c.aspectNumbering), text(rows, c.aspectTitle),
                text(rows, c.groupTitle), text(rows, c.categoryPath), text(rows, c.categoryNumbering),
                text(rows, c.categoryTitle), rows.getInt(c.ordinal), texts(rows, c.leadLeaders),
                texts(rows, c.responsibleUnits), texts(rows, c.tags), text(rows, c.leadUnit)));
    }

    /**
     * Where the columns {@link #state} and {@link #attributes} read are in a result set, found by name once (those it
     * does not have: 0, never read).
     */
    private static final class Positions {
        final int inspection;
        final int deadline;
        final int status;
        final int completedOn;
        final int lastProgress;
        final int createdOn;
        final int reopened;
        final int originalDeadline;
        final int assignment;
        final int extensions;
        final int returned;
        final int awaiting;
        final int listKey;
        final int aspectPath;
        final int aspectNumbering;
        final int aspectTitle;
        final int groupTitle;
        final int categoryPath;
        final int categoryNumbering;
        final int categoryTitle;
        final int ordinal;
        final int leadLeaders;
        final int responsibleUnits;
        final int tags;
        final int leadUnit;

        Positions(ResultSet rows) throws SQLException {
            java.sql.ResultSetMetaData meta = rows.getMetaData();
            Map<String, Integer> at = new HashMap<>();
            for (int i = meta.getColumnCount(); i >= 1; i--) {
                at.put(meta.getColumnLabel(i), i);
            }
            inspection = at.getOrDefault("inspection_id", 0);
            deadline = at.getOrDefault("deadline", 0);
            status = at.getOrDefault("status", 0);
            completedOn = at.getOrDefault("completed_on", 0);
            lastProgress = at.getOrDefault("last_progress_date", 0);
            createdOn = at.getOrDefault("created_on", 0);
            reopened = at.getOrDefault("reopened", 0);
            originalDeadline = at.getOrDefault("original_deadline", 0);
            assignment = at.getOrDefault("assignment_state", 0);
            extensions = at.getOrDefault("extension_count", 0);
            returned = at.getOrDefault("returned_count", 0);
            awaiting = at.getOrDefault("awaiting_decision", 0);
            listKey = at.getOrDefault("list_key", 0);
            aspectPath = at.getOrDefault("aspect_path", 0);
            aspectNumbering = at.getOrDefault("aspect_numbering", 0);
            aspectTitle = at.getOrDefault("aspect_title", 0);
            groupTitle = at.getOrDefault("group_title", 0);
            categoryPath = at.getOrDefault("category_path", 0);
            categoryNumbering = at.getOrDefault("category_numbering", 0);
            categoryTitle = at.getOrDefault("category_title", 0);
            ordinal = at.getOrDefault("ordinal", 0);
            leadLeaders = at.getOrDefault("lead_leaders", 0);
            responsibleUnits = at.getOrDefault("responsible_units", 0);
            tags = at.getOrDefault("tags", 0);
            leadUnit = at.getOrDefault("lead_unit", 0);
        }
    }

    private IssueState.Inspection inspection(UUID id) {
        return inspectionKeys.computeIfAbsent(id, IssueState.Inspection::of);
    }

    private PreparedStatement prepare(String select, String idColumn, Collection<UUID> ids) throws SQLException {
        if (ids == null) {
            PreparedStatement statement = connection.prepareStatement(select);
            statement.setFetchSize(10_000);
            return statement;
        }
        PreparedStatement statement = connection.prepareStatement(select + " WHERE " + idColumn + " = ANY (?)");
        statement.setArray(1, connection.createArrayOf("uuid", ids.toArray()));
        return statement;
    }

    /**
     * Adds the versions {@code statement} selects (then closes it) to their issues; with {@code totals}, each row also
     * carries its issue's count of versions (after the version's columns).
     */
    private void readVersions(PreparedStatement statement, Map<UUID, Builder> issues, boolean totals)
            throws SQLException {
        try (statement; ResultSet rows = statement.executeQuery()) {
            Positions state = new Positions(rows);
            int issueId = rows.findColumn("issue_id");
            int from = rows.findColumn("recorded_from");
            int to = rows.findColumn("recorded_to");
            int attributesId = rows.findColumn("attributes_id");
            int total = totals ? rows.findColumn("total") : 0;
            while (rows.next()) {
                Builder issue = issues.computeIfAbsent((UUID) rows.getObject(issueId), Builder::new);
                issue.version(rows.getLong(from), rows.getLong(to),
                        state(rows, state, attributes.get(rows.getObject(attributesId))));
                if (totals) {
                    issue.versionTotal = rows.getLong(total);
                }
            }
        }
    }

    /** The instant in {@code column} in microseconds since the epoch ({@code infinity}: the largest), as itself. */
    private static String micros(String column) {
        return "CASE WHEN isfinite(" + column + ") THEN CAST(floor(extract(epoch FROM " + column
                + ") * 1000000) AS bigint) ELSE 9223372036854775807 END AS " + column;
    }

    /** The day in {@code column} as a day since the epoch, as itself. */
    private static String day(String column) {
        return column + " - " + EPOCH + " AS " + column;
    }

    private static int day(ResultSet rows, int column) throws SQLException {
        int day = rows.getInt(column);
        return rows.wasNull() ? IssueState.NO_DAY : day;
    }

    private String text(ResultSet rows, int column) throws SQLException {
        return intern(rows.getString(column));
    }

    private String[] texts(ResultSet rows, int column) throws SQLException {
        Array array = rows.getArray(column);
        if (array == null) {
            return null;
        }
        Object[] values = (Object[]) array.getArray();
        String[] texts = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            texts[i] = intern((String) values[i]);
        }
        return texts;
    }

    private String intern(String text) {
        return text == null ? null : strings.computeIfAbsent(text, t -> t);
    }

    private IssueAttributes intern(IssueAttributes a) {
        return interned.computeIfAbsent(a, x -> x);
    }

    private Map<String, String> listTitles(String lists) {
        Map<String, String> titles = new HashMap<>();
        if (lists == null) {
            return titles;
        }
        try {
            JsonNode array = json.readTree(lists);
            for (JsonNode list : array) {
                JsonNode key = list.get("key");
                JsonNode title = list.get("title");
                if (key != null && !key.isNull() && !titles.containsKey(key.asText())) {
                    titles.put(key.asText(), title == null || title.isNull() ? null : title.isTextual()
                            ? title.asText() : title.toString());
                }
            }
        } catch (Exception e) {
            // not a list of lists: the SQL label falls back to the key as well
        }
        return titles;
    }

    /** An issue's rows as they are read, in any order. */
    private static final class Builder {
        final UUID id;
        IssueState live;
        int[] validFrom = new int[4];
        int[] validTo = new int[4];
        IssueState[] segments = new IssueState[4];
        int segmentCount;
        long[] recordedFrom = new long[4];
        long[] recordedTo = new long[4];
        IssueState[] versions = new IssueState[4];
        int versionCount;
        long versionsSince = IssueIndex.WHOLE;
        /** How many versions the issue has in all (read with a part of them). */
        long versionTotal;

        Builder(UUID id) {
            this.id = id;
        }

        void segment(int from, int to, IssueState state) {
            if (segmentCount == validFrom.length) {
                validFrom = Arrays.copyOf(validFrom, segmentCount * 2);
                validTo = Arrays.copyOf(validTo, segmentCount * 2);
                segments = Arrays.copyOf(segments, segmentCount * 2);
            }
            validFrom[segmentCount] = from;
            validTo[segmentCount] = to;
            segments[segmentCount++] = state;
        }

        void version(long from, long to, IssueState state) {
            if (versionCount == recordedFrom.length) {
                recordedFrom = Arrays.copyOf(recordedFrom, versionCount * 2);
                recordedTo = Arrays.copyOf(recordedTo, versionCount * 2);
                versions = Arrays.copyOf(versions, versionCount * 2);
            }
            recordedFrom[versionCount] = from;
            recordedTo[versionCount] = to;
            versions[versionCount++] = state;
        }

        IssueIndex.Entry build() {
            return new IssueIndex.Entry(id, live, Arrays.copyOf(validFrom, segmentCount),
                    Arrays.copyOf(validTo, segmentCount), Arrays.copyOf(segments, segmentCount),
                    Arrays.copyOf(recordedFrom, versionCount), Arrays.copyOf(recordedTo, versionCount),
                    Arrays.copyOf(versions, versionCount), versionsSince);
        }
    }
}
