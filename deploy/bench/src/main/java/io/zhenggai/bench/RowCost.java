package io.zhenggai.bench;

import java.io.StringReader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;

import org.postgresql.PGConnection;

import io.zhenggai.local.PostgresServer;

/**
 * What one history row costs PostgreSQL, written the way a replay writes it and the ways it could: rows shaped like
 * {@code issue_version} (its 21 columns and types as {@code IssueProjection.writeVersions} declares them), 2,000 a
 * statement into an UNLOGGED table like a generation being built, each way in its own new table, every way once per
 * round. Per row: the client's wall time and the backend's CPU ({@code /proc/PID/stat} of {@code pg_backend_pid()}).
 * An ephemeral embedded PostgreSQL in deploy/bench/target/row-cost; synthetic rows (100 issues' worth of versions
 * per 10,000 rows, random ids, dates and times over four years).
 */
public final class RowCost {

    private static final String[] COLUMNS = {"issue_id uuid", "sequence bigint", "recorded_from timestamptz",
            "recorded_to timestamptz", "effective_date date", "progress boolean", "attributes_id uuid", "status text",
            "completed_on date", "last_progress_date date", "created_on date", "reopened int", "inspection_id uuid",
            "deadline date", "original_deadline date", "assignment_state text", "awaiting_decision text",
            "extension_count int", "returned_count int", "report_id uuid", "corrected_report_id uuid"};
    private static final int BATCH = 2_000;
    private static final String[] WAYS = {"unnest-conflict", "unnest", "unnest-nokey", "copy", "copy-nokey"};
    private static final String[] DESCRIPTIONS = {
        "as a replay writes them: INSERT … SELECT … FROM unnest(text[]…) with casts, ON CONFLICT DO NOTHING, key",
        "the same without ON CONFLICT",
        "the same without the primary key (built after the rows)",
        "COPY … FROM STDIN (text), primary key",
        "COPY, the primary key built after the rows"};

    private RowCost() {
    }

    public static void main(String[] args) throws Exception {
        int rows = 200_000;
        int rounds = 2;
        for (String arg : args) {
            if (arg.startsWith("--rows=")) {
                rows = Integer.parseInt(arg.substring(7).replace("_", ""));
            } else if (arg.startsWith("--rounds=")) {
                rounds = Integer.parseInt(arg.substring(9));
            } else {
                System.out.println("""
                        deploy/bench/row-cost [--rows=N] [--rounds=R]
                          what a history row costs PostgreSQL, five ways (default 200000 rows, 2 rounds)""");
                System.exit(arg.equals("--help") || arg.equals("-h") ? 0 : 2);
            }
        }
        Path root = BenchRun.root().resolve("deploy/bench/target/row-cost");
        List<String[]> data = rows(rows);
        double[][] wall = new double[WAYS.length][rounds];
        double[][] cpu = new double[WAYS.length][rounds];
        double[][] keyAfter = new double[WAYS.length][rounds];
        try (PostgresServer postgres = PostgresServer.start(root, 0, true).ensureDatabase("rows");
             Connection c = DriverManager.getConnection(postgres.jdbcUrl("rows"), PostgresServer.USER, "")) {
            c.setAutoCommit(false);
            int backend = backendPid(c);
            for (int round = 0; round < rounds; round++) {
                for (int way = 0; way < WAYS.length; way++) {
                    boolean key = !WAYS[way].endsWith("-nokey");
                    table(c, key);
                    long cpu0 = CpuMeter.processTicks(backend, false);
                    long t0 = System.nanoTime();
                    for (int from = 0; from < data.size(); from += BATCH) {
                        List<String[]> batch = data.subList(from, Math.min(data.size(), from + BATCH));
                        if (WAYS[way].startsWith("copy")) {
                            copy(c, batch);
                        } else {
                            unnest(c, batch, WAYS[way].equals("unnest-conflict"));
                        }
                        c.commit();
                    }
                    long t1 = System.nanoTime();
                    wall[way][round] = (t1 - t0) / 1e3 / data.size();
                    cpu[way][round] = (CpuMeter.processTicks(backend, false) - cpu0) * 10_000.0 / data.size();
                    if (!key) {
                        try (Statement s = c.createStatement()) {
                            s.execute("ALTER TABLE history ADD PRIMARY KEY (issue_id, sequence)");
                        }
                        c.commit();
                        keyAfter[way][round] = (System.nanoTime() - t1) / 1e3 / data.size();
                    }
                }
            }
        }
        System.out.printf(Locale.ROOT, "%,d rows like issue_version, %,d a statement, %d rounds; µs per row: wall "
                + "(the backend's CPU), each round%n", rows, BATCH, rounds);
        for (int way = 0; way < WAYS.length; way++) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-104s", DESCRIPTIONS[way]));
            for (int round = 0; round < rounds; round++) {
                line.append(String.format(Locale.ROOT, "  %5.1f (%4.1f)", wall[way][round], cpu[way][round]));
                if (keyAfter[way][round] > 0) {
                    line.append(String.format(Locale.ROOT, " + key %.1f", keyAfter[way][round]));
                }
            }
            System.out.println(line);
        }
    }

    /** Synthetic versions: each issue's sequences 1, 2, … with times and dates moving forward. */
    private static List<String[]> rows(int count) {
        Random random = new Random(16L);
        List<String[]> rows = new ArrayList<>(count);
        String[] statuses = {"NOT_STARTED", "IN_PROGRESS", "COMPLETED", "CLOSED"};
        UUID issue = null;
        UUID inspection = UUID.randomUUID();
        int sequence = 0;
        Instant time = Instant.parse("2023-01-03T01:00:00Z");
        for (int i = 0; i < count; i++) {
            if (issue == null || random.nextInt(10) == 0) {
                issue = new UUID(random.nextLong(), random.nextLong());
                sequence = 0;
                time = Instant.parse("2023-01-03T01:00:00Z").plusSeconds(random.nextInt(20_000_000));
            }
            sequence++;
            time = time.plusSeconds(random.nextInt(2_000_000));
            LocalDate day = LocalDate.ofInstant(time, java.time.ZoneOffset.UTC);
            boolean progress = random.nextBoolean();
            rows.add(new String[] {issue.toString(), Integer.toString(sequence), time.toString(), "infinity",
                    day.toString(), Boolean.toString(progress), new UUID(issue.getMostSignificantBits(), sequence)
                    .toString(), statuses[Math.min(3, sequence / 3)], sequence > 8 ? day.toString() : null,
                    progress ? day.toString() : null, day.minusDays(sequence).toString(), "0", inspection.toString(),
                    day.plusDays(90).toString(), day.plusDays(60).toString(), "SIGNED", null, "0", "0",
                    progress ? UUID.randomUUID().toString() : null, null});
        }
        return rows;
    }

    private static void table(Connection c, boolean key) throws SQLException {
        StringBuilder ddl = new StringBuilder("CREATE UNLOGGED TABLE history (");
        for (int i = 0; i < COLUMNS.length; i++) {
            ddl.append(i == 0 ? "" : ", ").append(COLUMNS[i]);
        }
        try (Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS history");
            s.execute(ddl.append(key ? ", PRIMARY KEY (issue_id, sequence))" : ")").toString());
        }
        c.commit();
    }

    private static String names() {
        StringBuilder names = new StringBuilder();
        for (String column : COLUMNS) {
            names.append(names.isEmpty() ? "" : ", ").append(column, 0, column.indexOf(' '));
        }
        return names.toString();
    }

    /** As {@code Unnest} builds it: one text[] per column, cast back per column. */
    private static void unnest(Connection c, List<String[]> batch, boolean onConflict) throws SQLException {
        StringBuilder sql = new StringBuilder("INSERT INTO history (" + names() + ") SELECT ");
        StringBuilder from = new StringBuilder(" FROM unnest(");
        for (int i = 0; i < COLUMNS.length; i++) {
            String name = COLUMNS[i].substring(0, COLUMNS[i].indexOf(' '));
            String type = COLUMNS[i].substring(COLUMNS[i].indexOf(' ') + 1);
            sql.append(i == 0 ? "" : ", ").append(type.equals("text") ? "u." + name : "CAST(u." + name + " AS "
                    + type + ")");
            from.append(i == 0 ? "" : ", ").append("CAST(? AS text[])");
        }
        sql.append(from).append(") AS u(").append(names()).append(')');
        if (onConflict) {
            sql.append(" ON CONFLICT (issue_id, sequence) DO NOTHING");
        }
        try (PreparedStatement insert = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < COLUMNS.length; i++) {
                String[] column = new String[batch.size()];
                for (int k = 0; k < batch.size(); k++) {
                    column[k] = batch.get(k)[i];
                }
                insert.setArray(i + 1, c.createArrayOf("text", column));
            }
            insert.executeUpdate();
        }
    }

    /** COPY's text format: tab-separated, \N for null, backslash escapes. */
    private static void copy(Connection c, List<String[]> batch) throws Exception {
        StringBuilder text = new StringBuilder();
        for (String[] row : batch) {
            for (int i = 0; i < row.length; i++) {
                if (i > 0) {
                    text.append('\t');
                }
                if (row[i] == null) {
                    text.append("\\N");
                    continue;
                }
                for (int k = 0; k < row[i].length(); k++) {
                    char ch = row[i].charAt(k);
                    switch (ch) {
                        case '\\' -> text.append("\\\\");
                        case '\t' -> text.append("\\t");
                        case '\n' -> text.append("\\n");
                        case '\r' -> text.append("\\r");
                        default -> text.append(ch);
                    }
                }
            }
            text.append('\n');
        }
        c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY history (" + names() + ") FROM STDIN",
                new StringReader(text.toString()));
    }

    private static int backendPid(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT pg_backend_pid()")) {
            r.next();
            return r.getInt(1);
        }
    }
}
