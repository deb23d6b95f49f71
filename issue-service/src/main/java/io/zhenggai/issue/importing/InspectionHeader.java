package io.zhenggai.issue.importing;

import java.time.LocalDate;
import java.util.Set;

/**
 * What the bulletin says about the inspection (巡察) it reports on. Every part is {@code null} (or empty) when the text
 * does not state it.
 *
 * @param team         the inspection team as the title or introduction names it (市委第五巡察组)
 * @param targetUnit   the inspected unit (东营经济技术开发区党工委)
 * @param kinds        routine and/or special, as stated
 * @param specialTheme the theme of a special inspection (黄河流域生态保护和高质量发展)
 * @param onSiteFrom   first day of the on-site period
 * @param onSiteTo     last day of the on-site period
 * @param feedbackDate the day the team fed its findings back (反馈)
 */
public record InspectionHeader(
        String team,
        String targetUnit,
        Set<InspectionKind> kinds,
        String specialTheme,
        LocalDate onSiteFrom,
        LocalDate onSiteTo,
        LocalDate feedbackDate) {

    public InspectionHeader {
        kinds = Set.copyOf(kinds);
    }
}
