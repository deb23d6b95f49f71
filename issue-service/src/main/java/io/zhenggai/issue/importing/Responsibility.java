package io.zhenggai.issue.importing;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The responsibility list entry (责任清单) of an issue, when a bulletin prints one: 牵头领导, 责任单位, 完成时限, as
 * labelled paragraphs (责任单位：…) or as the columns of a pasted table. Each part is {@code null} when not printed; the
 * seed prints none. The parts are kept as printed; {@link #units()}, {@link #leaders()} and {@link #deadlineDate}
 * read them.
 */
public record Responsibility(String leadLeader, String responsibleUnits, String deadline) {

    static final Responsibility NONE = new Responsibility(null, null, null);

    private static final Pattern SEPARATORS = Pattern.compile("[、，,；;／/\\s]+");
    /** A unit marked as the lead in the list: 区发改局（牵头）. */
    private static final Pattern LEAD_MARK = Pattern.compile("[（(]牵头[）)]");
    private static final Pattern ROLE_MARK = Pattern.compile("[（(](?:牵头|配合|协同|参与)[）)]");
    private static final Pattern LABEL = Pattern.compile("^(?:牵头单位|配合单位|责任单位|牵头部门|配合部门)[：:]");

    boolean isEmpty() {
        return leadLeader == null && responsibleUnits == null && deadline == null;
    }

    /** Whether the deadline says the item is kept up (长期坚持) rather than finished by a date. */
    boolean isLongTerm() {
        return DeadlineText.isLongTerm(deadline) && DeadlineText.parse(deadline, null).isEmpty();
    }

    /** The responsible units in order, the lead unit (牵头, or else the first named) first; empty when none. */
    public List<String> units() {
        List<String> units = new ArrayList<>();
        String lead = null;
        for (String part : split(responsibleUnits)) {
            String unit = ROLE_MARK.matcher(LABEL.matcher(part).replaceFirst("")).replaceAll("").strip();
            if (unit.isEmpty() || units.contains(unit)) {
                continue;
            }
            if (lead == null && LEAD_MARK.matcher(part).find()) {
                lead = unit;
            }
            units.add(unit);
        }
        if (lead != null) {
            units.remove(lead);
            units.add(0, lead);
        }
        return units;
    }

    /** The lead leaders as named; empty when none. */
    public List<String> leaders() {
        List<String> leaders = new ArrayList<>();
        for (String part : split(leadLeader)) {
            if (!part.isEmpty() && !leaders.contains(part)) {
                leaders.add(part);
            }
        }
        return leaders;
    }

    /**
     * The deadline as a date: the last day the printed deadline allows (2023年6月底前 is 2023-06-30); empty for 长期坚持,
     * 立行立改 or no deadline.
     *
     * @param reference the day the problems were fed back, for a deadline printed without its year (6月底前)
     */
    public Optional<LocalDate> deadlineDate(LocalDate reference) {
        return DeadlineText.parse(deadline, reference);
    }

    private static List<String> split(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        List<String> parts = new ArrayList<>();
        for (String part : SEPARATORS.split(text.strip())) {
            if (!part.isBlank()) {
                parts.add(part.strip());
            }
        }
        return parts;
    }
}
