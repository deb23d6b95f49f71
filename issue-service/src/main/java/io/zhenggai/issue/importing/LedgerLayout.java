package io.zhenggai.issue.importing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The layout of the Excel ledger (整改台账) as {@code contract/ledger-workbook.json} states it: the sheet's name, its
 * header row (Chinese column names in order; the contract both services read), which columns an import reads, the
 * words for statuses and how a text too long for a cell is cut. report-service writes the workbook by this file (it
 * copies it in at build time); the import reads a workbook back only if its header row is exactly this one.
 *
 * @param sheet     the ledger sheet's name
 * @param columns   the columns in order
 * @param separator between the names of a list cell, as written (the import also takes ， , ； ; / and line breaks)
 * @param cellLimit the most characters an Excel cell holds
 * @param mark      the end of a text cut to fit a cell
 * @param statuses  the status words by status name (NOT_STARTED → 未启动 …)
 */
public record LedgerLayout(String sheet, List<Column> columns, String separator, int cellLimit, String mark,
                           Map<String, String> statuses) {

    /** Where the contract sits on the classpath. */
    public static final String RESOURCE = "/contract/ledger-workbook.json";

    /** A column: its key (for code), its header (the contract) and whether an import reads it. */
    public record Column(String key, String header, boolean editable) {
    }

    /** The layout of the contract file. */
    public static LedgerLayout load() {
        try (InputStream in = LedgerLayout.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing");
            }
            JsonNode file = new ObjectMapper().readTree(in);
            List<Column> columns = new ArrayList<>();
            for (JsonNode column : file.path("columns")) {
                columns.add(new Column(column.path("key").asText(), column.path("header").asText(),
                        column.path("editable").asBoolean(false)));
            }
            Map<String, String> statuses = new LinkedHashMap<>();
            file.path("statuses").fields().forEachRemaining(e -> statuses.put(e.getKey(), e.getValue().asText()));
            return new LedgerLayout(file.path("sheet").asText(), List.copyOf(columns),
                    file.path("listSeparator").asText(), file.path("cellText").path("limit").asInt(),
                    file.path("cellText").path("mark").asText(), Map.copyOf(statuses));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The header row: the columns' Chinese names in order. */
    public List<String> headers() {
        return columns.stream().map(Column::header).toList();
    }

    /** The Chinese header of the column with this key. */
    public String header(String key) {
        return columns.stream().filter(c -> c.key().equals(key)).map(Column::header).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the ledger has no column " + key));
    }

    /**
     * The status a word of the 整改状态 column names: one of the layout's status words (未启动, 整改中, 已完成, 已销号,
     * 长期坚持), or a status label of the genre as a bulletin prints it (基本完成 is 整改中, 已整改到位 is 已完成 …).
     */
    public Optional<String> statusOf(String word) {
        String w = word.strip();
        for (Map.Entry<String, String> status : statuses.entrySet()) {
            if (status.getValue().equals(w)) {
                return Optional.of(status.getKey());
            }
        }
        return StatusVocabulary.statusOf(w).map(Enum::name);
    }

    /** The text as a cell holds it: whole, or cut to the limit with its end replaced by the mark. */
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
}
