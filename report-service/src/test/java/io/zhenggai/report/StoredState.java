package io.zhenggai.report;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

/**
 * What the service's writes can change, in one line: indicator definitions (and which are retired), their versions,
 * replays (state and pending request), generations (state, dropped), the gap skips of the active generation, and the
 * bulletins' next-steps texts (how many, at which versions).
 * Equal before and after a refused request means the refusal changed nothing.
 */
public final class StoredState {

    private StoredState() {
    }

    public static String of(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            String active;
            try (ResultSet rs = statement.executeQuery(
                    "SELECT schema_name FROM public.generation WHERE state = 'ACTIVE'")) {
                rs.next();
                active = rs.getString(1);
            }
            try (ResultSet rs = statement.executeQuery("""
                    SELECT concat_ws(' | ',
                      (SELECT count(*) || ' indicators, ' || count(retired_at) || ' retired' FROM public.indicator),
                      (SELECT count(*) || ' versions' FROM public.indicator_version),
                      (SELECT count(*) || ' replays ' || coalesce(string_agg(id || ':' || state || ':'
                              || coalesce(requested_action, '-') || ':' || accept_differences, ',' ORDER BY id), '')
                       FROM public.replay),
                      (SELECT count(*) || ' generations ' || coalesce(string_agg(number || ':' || state || ':'
                              || (dropped_at IS NOT NULL), ',' ORDER BY number), '') FROM public.generation),
                      (SELECT count(*) || ' skips' FROM %s.intake_skip),
                      (SELECT count(*) || ' next steps ' || coalesce(sum(version), 0) FROM public.bulletin_next_steps))""".formatted(active))) {
                rs.next();
                return rs.getString(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
