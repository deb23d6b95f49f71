package io.zhenggai.issue.importing;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the figures typed into a progress report's text (整改进展) as the importer reads a bulletin issue's: the same
 * extractor and metric catalogue, and the same consistency checks (a stated rate against its parts, parts against
 * their total, a breakdown 其中 against what it breaks down). The checks' findings are warnings: the text is the
 * unit's own words and is kept as said. Pure, thread-safe; the entry point for the ledger.
 *
 * <pre>{@code
 * ProgressTextReader.Result r = new ProgressTextReader().read("已化解16件,未化解5件,化解率90%", asOf);
 * r.readings(); r.warnings();   // one RATE_MISMATCH: 16/21 = 76.19%
 * }</pre>
 */
public final class ProgressTextReader {

    /** A paragraph longer than a bulletin's may be is not read (its figures would cost time beyond its length). */
    public static final int MAX_PARAGRAPH_CHARS = BulletinParser.MAX_PARAGRAPH_CHARS;
    /** The kind of the warning about a paragraph too long to read. */
    public static final String NOT_READ = "NOT_READ";

    private final ReadingExtractor extractor;
    private final RateCheck rateCheck;
    private final BreakdownCheck breakdownCheck;

    /** A reader with the metric catalogue on the class path. */
    public ProgressTextReader() {
        this(MetricCatalogue.load());
    }

    public ProgressTextReader(MetricCatalogue catalogue) {
        this.extractor = new ReadingExtractor(catalogue);
        this.rateCheck = new RateCheck(catalogue);
        this.breakdownCheck = new BreakdownCheck(catalogue);
    }

    /**
     * A consistency finding on the text.
     *
     * @param kind      a {@link FindingKind} name, or {@link #NOT_READ}
     * @param message   in Chinese
     * @param messageEn the same in English
     * @param sentence  the sentence it concerns, or {@code null}
     */
    public record Warning(String kind, String message, String messageEn, String sentence) {
    }

    /** The readings found, in text order, and the warnings. */
    public record Result(List<Reading> readings, List<Warning> warnings) {
    }

    /**
     * @param asOf the report's date: a figure stands for it unless its sentence states another (截至…)
     * @throws io.zhenggai.issue.figures.QuantityOutOfBoundsException for a number no figure needs
     */
    public Result read(String text, LocalDate asOf) {
        List<Warning> warnings = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return new Result(List.of(), List.of());
        }
        StringBuilder readable = new StringBuilder();
        String[] paragraphs = text.split("\n", -1);
        for (int n = 0; n < paragraphs.length; n++) {
            if (paragraphs[n].length() > MAX_PARAGRAPH_CHARS) {
                warnings.add(new Warning(NOT_READ, String.format("第%d段长达%d字，超过%d字，未读取其中的数据",
                        n + 1, paragraphs[n].length(), MAX_PARAGRAPH_CHARS), String.format("paragraph %d holds %d "
                        + "characters, more than %d: its figures were not read", n + 1, paragraphs[n].length(),
                        MAX_PARAGRAPH_CHARS), null));
                readable.append('\n');
            } else {
                readable.append(paragraphs[n]).append('\n');
            }
        }
        ReadingExtractor.Extraction extraction = extractor.extract(readable.toString(), asOf);
        List<PlacedReading> placed = new ArrayList<>(extraction.readings());
        List<IssueProblem> problems = new ArrayList<>(extraction.problems());
        problems.addAll(rateCheck.apply(placed));
        problems.addAll(breakdownCheck.apply(placed));
        problems.forEach(p -> warnings.add(new Warning(p.kind().name(), p.message(), p.messageEn(), p.sentence())));
        return new Result(placed.stream().map(PlacedReading::reading).toList(), List.copyOf(warnings));
    }
}
