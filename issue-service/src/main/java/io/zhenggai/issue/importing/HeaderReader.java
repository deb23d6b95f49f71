package io.zhenggai.issue.importing;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what the title and the prose around the trees say about the inspection: team, inspected unit, kind, on-site
 * period, feedback date, and the declared totals (N个方面, N类问题, N项意见建议).
 */
final class HeaderReader {

    private static final String NUM = "[0-9一二三四五六七八九十两]{1,4}";
    /** An inspection team with its ordinal: 市委第五巡察组, 省委第三巡视组, 中央第八巡视组. */
    static final Pattern TEAM = Pattern.compile(
            "((?:中央|省委|市委|区委|县委|州委|旗委|盟委|党组|党委)?第[一二三四五六七八九十\\d]{1,3}(?:巡视|巡察)组)");
    private static final Pattern ISSUING_UNIT = Pattern.compile("^(.{2,40}?)关于");
    private static final Pattern TARGET = Pattern.compile(
            "组对(.{2,30}?)(?:党组织|党组|党委|党工委)?(?:先后|同时|进行|开展)");
    private static final Pattern TARGET_WITH_PARTY = Pattern.compile("组对(.{2,30}?(?:党组|党委|党工委|党总支|党支部))");
    private static final Pattern SPECIAL = Pattern.compile("(?:开展了?|进行了?)([^，,。；;]{2,40}?)专项(?:巡察|巡视)");
    private static final Pattern PERIOD = Pattern.compile(
            "(\\d{4})年(\\d{1,2})月(\\d{1,2})日(?:至|到|—|-|～|~)(?:(\\d{4})年)?(\\d{1,2})月(\\d{1,2})日");
    private static final Pattern FEEDBACK = Pattern.compile("(?:(\\d{4})年)?(\\d{1,2})月(\\d{1,2})日[^。；;，,]{0,12}?反馈");
    private static final Pattern ASPECTS = Pattern.compile("(" + NUM + ")个?方面");
    private static final Pattern CATEGORIES = Pattern.compile("(" + NUM + ")(?:大)?类(?:问题)?");
    private static final Pattern ISSUES = Pattern.compile("(" + NUM + ")(?:个|项|条)(?:具体)?问题");
    private static final Pattern SUGGESTIONS = Pattern.compile("(" + NUM + ")(?:项|条|个)(?:意见建议|整改意见|建议)");
    private static final Pattern DECLARING = Pattern.compile("反馈|指出|提出|巡察|巡视");

    private HeaderReader() {
    }

    /** A mention of an inspection team by name, with the sentence it is in. */
    record TeamMention(String name, String sentence) {
    }

    static String issuingUnit(String title) {
        Matcher m = ISSUING_UNIT.matcher(title);
        return m.find() ? m.group(1) : null;
    }

    static InspectionHeader inspection(String title, List<String> prose) {
        List<TeamMention> mentions = teamMentions(title, prose);
        String team = mentions.isEmpty() ? null : mentions.get(0).name();
        String target = null;
        Set<InspectionKind> kinds = EnumSet.noneOf(InspectionKind.class);
        String theme = null;
        LocalDate from = null;
        LocalDate to = null;
        LocalDate feedback = null;
        for (String line : prose) {
            if (target == null) {
                Matcher m = TARGET_WITH_PARTY.matcher(line);
                if (m.find()) {
                    target = m.group(1);
                } else if ((m = TARGET.matcher(line)).find()) {
                    target = m.group(1);
                }
            }
            if (line.contains("专项巡察") || line.contains("专项巡视")) {
                kinds.add(InspectionKind.SPECIAL);
                Matcher m = SPECIAL.matcher(line);
                if (theme == null && m.find()) {
                    theme = m.group(1);
                }
            }
            if (line.contains("常规巡察") || line.contains("常规巡视")) {
                kinds.add(InspectionKind.ROUTINE);
            }
            if (from == null) {
                Matcher m = PERIOD.matcher(line);
                if (m.find()) {
                    from = DateText.date(m.group(1), m.group(2), m.group(3)).orElse(null);
                    String endYear = m.group(4) != null ? m.group(4) : m.group(1);
                    to = DateText.date(endYear, m.group(5), m.group(6)).orElse(null);
                }
            }
            if (feedback == null) {
                Matcher m = FEEDBACK.matcher(line);
                while (m.find()) {
                    if (m.group(1) != null) {
                        feedback = DateText.date(m.group(1), m.group(2), m.group(3)).orElse(null);
                    } else if (to != null) {
                        // 于12月7日反馈 takes the year of the on-site period, or the next one if the month comes earlier.
                        LocalDate sameYear = DateText.date(String.valueOf(to.getYear()), m.group(2), m.group(3)).orElse(null);
                        feedback = sameYear != null && sameYear.isBefore(to) ? sameYear.plusYears(1) : sameYear;
                    }
                    if (feedback != null) {
                        break;
                    }
                }
            }
        }
        return new InspectionHeader(team, target, kinds, theme, from, to, feedback);
    }

    /**
     * Every naming of the inspection team: in the title and the prose around the trees, and anywhere a name is
     * followed by its feedback (…组的反馈意见). A team named inside a problem's text may be another inspection.
     */
    static List<TeamMention> teamMentions(String title, List<String> prose) {
        List<TeamMention> mentions = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        lines.add(title);
        lines.addAll(prose);
        for (String line : lines) {
            for (String sentence : Sentences.of(line)) {
                Matcher m = TEAM.matcher(sentence);
                while (m.find()) {
                    mentions.add(new TeamMention(m.group(1), sentence));
                }
            }
        }
        return mentions;
    }

    /** Names of the team in the trees, where the name is followed by its feedback (…组的反馈意见, …组反馈). */
    static List<TeamMention> feedbackMentions(List<FeedbackList> lists) {
        List<TeamMention> mentions = new ArrayList<>();
        for (FeedbackList list : lists) {
            for (Issue issue : list.issues()) {
                for (String text : List.of(issue.title(), issue.description(), issue.progressText())) {
                    for (String sentence : Sentences.of(text)) {
                        Matcher m = TEAM.matcher(sentence);
                        while (m.find()) {
                            if (sentence.startsWith("反馈", m.end()) || sentence.startsWith("的反馈", m.end())) {
                                mentions.add(new TeamMention(m.group(1), sentence));
                            }
                        }
                    }
                }
            }
        }
        return mentions;
    }

    static DeclaredTotals declared(String title, List<String> prose) {
        List<String> lines = new ArrayList<>();
        lines.add(title);
        lines.addAll(prose);
        for (String line : lines) {
            for (String sentence : Sentences.of(line)) {
                if (!DECLARING.matcher(sentence).find()) {
                    continue;
                }
                Integer aspects = number(ASPECTS, sentence);
                Integer categories = number(CATEGORIES, sentence);
                Integer issues = number(ISSUES, sentence);
                Integer suggestions = number(SUGGESTIONS, sentence);
                if (aspects != null || categories != null || issues != null) {
                    return new DeclaredTotals(aspects, categories, issues, suggestions, sentence);
                }
            }
        }
        return DeclaredTotals.NONE;
    }

    private static Integer number(Pattern p, String sentence) {
        Matcher m = p.matcher(sentence);
        if (!m.find()) {
            return null;
        }
        Optional<Integer> n = NumeralText.parse(m.group(1)).stream().boxed().findFirst();
        return n.orElse(null);
    }
}
