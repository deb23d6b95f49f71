package io.zhenggai.issue.importing;

import java.time.LocalDate;
import java.util.Set;

/**
 * What the bulletin says about the inspection (巡察), tour (巡视) or audit (审计) it reports on. Every part is
 * {@code null} (or empty, or false) when the text does not state it.
 *
 * @param team         the inspecting body as the title or introduction names it: the team (市委第五巡察组, 中央第八巡视组)
 *                     or, for an audit, the auditor (县审计局)
 * @param targetUnit   the inspected unit (东营经济技术开发区党工委)
 * @param kinds        routine and/or special, as stated
 * @param specialTheme the theme of a special inspection (黄河流域生态保护和高质量发展)
 * @param onSiteFrom   first day of the on-site period (of a period printed in months only, the month's first day)
 * @param onSiteTo     last day of the on-site period (of a period printed in months only, the month's last day)
 * @param feedbackDate the day the team fed its findings back (反馈), or the auditor issued its report (出具审计报告)
 * @param round        the round as printed (十二届省委第三轮巡视), or {@code null}
 * @param recheck      whether it is a 回头看, a second look at an earlier inspection's rectification
 */
public record InspectionHeader(
        String team,
        String targetUnit,
        Set<InspectionKind> kinds,
        String specialTheme,
        LocalDate onSiteFrom,
        LocalDate onSiteTo,
        LocalDate feedbackDate,
        String round,
        boolean recheck) {

    public InspectionHeader {
        kinds = Set.copyOf(kinds);
    }

    /** A header without round or 回头看. */
    public InspectionHeader(String team, String targetUnit, Set<InspectionKind> kinds, String specialTheme,
                            LocalDate onSiteFrom, LocalDate onSiteTo, LocalDate feedbackDate) {
        this(team, targetUnit, kinds, specialTheme, onSiteFrom, onSiteTo, feedbackDate, null, false);
    }
}
