package io.zhenggai.report.ledger;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The layout of the Excel ledger (整改台账) as the contract file {@code contract/ledger-workbook.json} gives it: the
 * sheet's name, its header row (the Chinese column names, in order) and the words the cells use for states. The file
 * is issue-service's, copied in at build time like the event contract: issue-service's import reads the same file
 * back, so the header row the export writes is exactly the one the import accepts.
 *
 * @param sheet     the ledger sheet's name
 * @param columns   the columns in order: a key (for code), the header (for people) and whether the import reads it
 * @param separator between the names of a list cell (leaders, units)
 * @param cellLimit the most characters a cell holds (Excel's limit); a longer text is cut and ends with {@code mark}
 * @param mark      the end of a cut text
 * @param statuses  the status words (未启动 …) by status
 * @param warnings  the warning words by level (红（逾期）…; empty for NONE)
 * @param signature 未签收 / 已签收 by assignment state
 * @param awaiting  what waits for the office, by kind
 */
public record LedgerLayout(String sheet, List<Column> columns, String separator, int cellLimit, String mark,
                           Map<String, String> statuses, Map<String, String> warnings, Map<String, String> signature,
                           Map<String, String> awaiting) {

    /** Where the contract sits on the classpath. */
    public static final String RESOURCE = "/contract/ledger-workbook.json";

    /** A column of the ledger sheet. */
    public record Column(String key, String header, boolean editable) {
    }

    /** The layout of the contract file on the classpath. */
    public static LedgerLayout load() {
        try (InputStream in = LedgerLayout.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing: it is copied from issue-service at build time");
            }
            return of(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static LedgerLayout of(JsonNode file) {
        List<Column> columns = new ArrayList<>();
        for (JsonNode column : file.path("columns")) {
            columns.add(new Column(column.path("key").asText(), column.path("header").asText(),
                    column.path("editable").asBoolean(false)));
        }
        return new LedgerLayout(file.path("sheet").asText(), List.copyOf(columns), file.path("listSeparator").asText(),
                file.path("cellText").path("limit").asInt(), file.path("cellText").path("mark").asText(),
                words(file.path("statuses")), words(file.path("warnings")), words(file.path("assignment")),
                words(file.path("awaiting")));
    }

    private static Map<String, String> words(JsonNode object) {
        Map<String, String> words = new LinkedHashMap<>();
        object.fields().forEachRemaining(e -> words.put(e.getKey(), e.getValue().asText()));
        return Map.copyOf(words);
    }

    /** The header row: the columns' Chinese names in order. */
    public List<String> headers() {
        return columns.stream().map(Column::header).toList();
    }

    /**
     * The text as a cell holds it: whole when it fits, else cut to the limit with its end replaced by the mark (never
     * between the two halves of a surrogate pair).
     */
    public String fit(String text) {
        if (text == null || text.length() <= cellLimit) {
            return text;
        }
        int end = cellLimit - mark.length();
        if (Character.isLowSurrogate(text.charAt(end))) {
            end--;
        }
        return text.substring(0, end) + mark;
    }

    /** The position of the column with this key. */
    public int index(String key) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).key().equals(key)) {
                return i;
            }
        }
        throw new IllegalArgumentException("the ledger has no column " + key);
    }
}
