package io.zhenggai.issue.ledger;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.zhenggai.issue.figures.QuantityOutOfBoundsException;
import io.zhenggai.issue.importing.ProgressTextReader;

/**
 * The readings of a progress report and the warnings on its text. The figures typed into the text are read by the
 * importer's reader and checked by its checks on every report; the caller's explicit readings, when it gives any,
 * take their place (EXPLICIT), or join them for the metrics they do not cover (MIXED, on request).
 */
public final class ProgressFigures {

    private static final ProgressTextReader READER = new ProgressTextReader();

    private ProgressFigures() {
    }

    /** What a report's figures come to: its readings, where they came from, and the warnings on its text. */
    public record Found(List<Reading> readings, ReadingSource source, List<ReportWarning> warnings) {
    }

    /**
     * @param useTextReadings null: the text's readings when no readings are given; true: also beside given ones
     * @throws LedgerException a given reading that cannot be read, or a figure in the text beyond all bounds (422)
     */
    public static Found of(String text, LocalDate asOf, List<IssueRequests.ReadingInput> explicit,
                           Boolean useTextReadings) {
        List<Reading> given = Readings.of(explicit);
        ProgressTextReader.Result read;
        try {
            read = READER.read(text, asOf);
        } catch (QuantityOutOfBoundsException e) {
            throw Readings.outOfBounds("text", e);
        }
        List<Reading> fromText = read.readings().stream().map(Readings::of).toList();
        List<ReportWarning> warnings = read.warnings().stream()
                .map(w -> new ReportWarning(w.kind(), w.message() + " (" + w.messageEn() + ")")).toList();
        boolean takeText = useTextReadings == null ? given.isEmpty() : useTextReadings;
        if (given.isEmpty()) {
            return new Found(takeText ? fromText : List.of(), takeText ? ReadingSource.TEXT : ReadingSource.EXPLICIT,
                    warnings);
        }
        if (!takeText) {
            return new Found(given, ReadingSource.EXPLICIT, warnings);
        }
        List<Reading> mixed = new ArrayList<>(given);
        fromText.stream().filter(t -> given.stream().noneMatch(g -> sameFact(g, t))).forEach(mixed::add);
        return new Found(mixed, mixed.size() > given.size() ? ReadingSource.MIXED : ReadingSource.EXPLICIT, warnings);
    }

    /** A given reading stands for a text's reading of the same metric and dimensions. */
    private static boolean sameFact(Reading given, Reading text) {
        Map<String, String> a = given.dimensions() == null ? Map.of() : given.dimensions();
        Map<String, String> b = text.dimensions() == null ? Map.of() : text.dimensions();
        return Objects.equals(given.metric(), text.metric()) && a.equals(b);
    }
}
