package io.zhenggai.issue.importing;

import java.time.LocalDate;
import java.util.List;

/**
 * What could be read of a text whose feedback tree could not: its header, declared totals and figures, and what was
 * found and what was missing. {@link NotABulletinException#partial()} carries it, so that a dry run shows the office
 * why its bulletin was refused.
 *
 * @param title       the first line
 * @param issuingUnit the publishing unit, or {@code null}
 * @param inspection  what the prose says of the inspection
 * @param declared    the declared totals
 * @param reportDate  the bulletin's date, or {@code null}
 * @param readings    the figures of the whole text (at most {@link #MAX_READINGS}), dated by the bulletin
 * @param found       what was found, in document order
 * @param missing     what a bulletin needs and was not found
 */
public record PartialRead(String title, String issuingUnit, InspectionHeader inspection, DeclaredTotals declared,
                          LocalDate reportDate, List<Reading> readings, List<Clue> found, List<Clue> missing) {

    /** The most figures a refusal carries. */
    public static final int MAX_READINGS = 200;

    public PartialRead {
        readings = List.copyOf(readings);
        found = List.copyOf(found);
        missing = List.copyOf(missing);
    }
}
