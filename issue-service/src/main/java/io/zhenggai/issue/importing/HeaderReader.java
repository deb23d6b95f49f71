package io.zhenggai.issue.importing;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what the title and the prose around the trees say about the inspection: the inspecting body (a 巡察 or 巡视
 * team, or an auditor), the inspected unit, kind, round, 回头看, on-site period, feedback date, and the declared
 * totals (N个方面, N类问题, N大项M小项, 反馈问题N个, N项意见建议, 整改措施N条).
 */
final class HeaderReader {

    private static final String NUM = "[0-9一二三四五六七八九十百零〇两]{1,6}";
    /** An inspection team with its ordinal: 市委第五巡察组, 省委第三巡视组, 中央第八巡视组. */
    static final Pattern TEAM = Pattern.compile(
            "((?:中央|省委|市委|区委|县委|州委|旗委|盟委|党组|党委)?第[一二三四五六七八九十\\d]{1,3}(?:巡视|巡察)组)");
    /** A team named without its ordinal, taken only when no ordinal is printed anywhere: 省委巡视组, 市委专项巡察组. */
    private static final Pattern TEAM_WITHOUT_ORDINAL = Pattern.compile(
            "((?:中央|省委|市委|区委|县委|州委|旗委|盟委)(?:专项)?(?:巡视|巡察)组)");
    /** An auditor: 审计署, 省审计厅, 临河县审计局. */
    private static final Pattern AUDITOR = Pattern.compile(
            "(审计署|[省市县区州]审计(?:厅|局)|[\\u4e00-\\u9fa5]{2,10}?(?:省|市|县|区|州|旗)审计(?:厅|局))");
    private static final Pattern LEADING_WORDS = Pattern.compile("^(?:根据|按照|依据|经|由|受|对|于|为|是)+");
    private static final Pattern ROUND = Pattern.compile(
            "((?:[一二三四五六七八九十\\d]{1,3}届)?(?:中央|省委|市委|区委|县委|州委)?第[一二三四五六七八九十\\d]{1,3}轮(?:巡视|巡察))");
    private static final Pattern ISSUING_UNIT = Pattern.compile("^(.{2,40}?)关于");
    /** 组对…, or 组于2023年3月6日至4月28日对…: the team's object. */
    private static final String TEAM_ON = "组(?:于[^对，,。；;]{0,30})?对";
    private static final Pattern TARGET = Pattern.compile(
            TEAM_ON + "(.{2,30}?)(?:党组织|党组|党委|党工委)?(?:先后|同时|进行|开展)");
    private static final Pattern TARGET_WITH_PARTY = Pattern.compile(TEAM_ON + "(.{2,30}?(?:党组|党委|党工委|党总支|党支部))");
    private static final Pattern TARGET_OF_AUDIT = Pattern.compile(
            "审计(?:署|厅|局)(?:[^，,。；;]{0,30}?)对(.{2,40}?)(?:\\d{4}年|[（(]|的?(?:预算|财务|经济责任|专项)|(?:进行|开展|实施)了?审计)");
    private static final Pattern TARGET_ENTERED = Pattern.compile("进驻(.{2,30}?)(?:开展|进行)");
    private static final Pattern SPECIAL = Pattern.compile("(?:开展了?|进行了?)([^，,。；;]{2,40}?)专项(?:巡察|巡视)");
    private static final Pattern PERIOD = Pattern.compile(
            "(\\d{4})年(\\d{1,2})月(\\d{1,2})日(?:至|到|—|-|～|~)(?:(\\d{4})年)?(\\d{1,2})月(\\d{1,2})日");
    /** A period printed in months: 2023年4月至6月. */
    private static final Pattern PERIOD_IN_MONTHS = Pattern.compile(
            "(\\d{4})年(\\d{1,2})月(?:上旬|中旬|下旬)?(?:至|到|—|-|～|~)(?:(\\d{4})年)?(\\d{1,2})月(?!\\d{1,2}日)");
    private static final Pattern FEEDBACK = Pattern.compile("(?:(\\d{4})年)?(\\d{1,2})月(\\d{1,2})日[^。；;，,]{0,12}?反馈");
    /** A date, then within the sentence the team's feedback: 7月10日，巡视组向学校党委反馈了巡视意见. */
    private static final Pattern FEEDBACK_LATER = Pattern.compile(
            "(?:(\\d{4})年)?(\\d{1,2})月(\\d{1,2})日[，,]?(?=[^。；;]{0,40}?(?:巡视组|巡察组|向)[^。；;]{0,30}?反馈)");
    /** An auditor's report issued: 于2023年5月18日出具了审计报告. */
    private static final Pattern AUDIT_REPORT = Pattern.compile(
            "(?:(\\d{4})年)?(\\d{1,2})月(\\d{1,2})日[^。；;]{0,20}?(?:出具|印发|下达|送达)[^。；;]{0,12}?(?:审计报告|审计决定)");
    private static final Pattern STATED_AS_OF = Pattern.compile(
            "截至(?:目前[，,]?)?(\\d{4})年(\\d{1,2})月(?:(\\d{1,2})日|底|末)");
    private static final Pattern ASPECTS = Pattern.compile("(" + NUM + ")(?:个|大)?方面");
    private static final Pattern CATEGORIES = Pattern.compile("(" + NUM + ")(?:大)?类(?:问题)?");
    private static final Pattern MAJOR_ITEMS = Pattern.compile("(" + NUM + ")(?:个)?大项");
    private static final Pattern ISSUES = Pattern.compile(
            "(" + NUM + ")(?:个|项|条)(?:具体)?问题|(" + NUM + ")(?:个|项)?小项|(?:反馈|指出|发现|查出)(?:的)?(?:具体)?问题(?:共)?(" + NUM + ")(?:个|项|条)");
    private static final Pattern SUGGESTIONS = Pattern.compile(
            "(" + NUM + ")(?:项|条|个)(?:意见建议|整改意见|建议)|(?:意见建议|整改意见)(?:共)?(" + NUM + ")(?:项|条|个)");
    static final Pattern MEASURES = Pattern.compile(
            "整改措施(?:共)?(" + NUM + ")(?:条|项|个)|(" + NUM + ")(?:条|项|个)(?:具体)?整改措施");
    private static final Pattern DECLARING = Pattern.compile("反馈|指出|提出|巡察|巡视|审计|查出|发现");

    private HeaderReader() {
    }

    /** A mention of an inspection team by name, with the sentence it is in. */
    record TeamMention(String name, String sentence) {
    }

    /** The publishing unit: what the title names before 关于, or else the signature. */
    static String issuingUnit(String title, String signatory) {
        Matcher m = ISSUING_UNIT.matcher(title);
        return m.find() ? m.group(1) : signatory;
    }

    static String issuingUnit(String title) {
        return issuingUnit(title, null);
    }

    static InspectionHeader inspection(String title, List<String> prose) {
        return inspection(title, prose, null);
    }

    /** @param reportDate the bulletin's date, for a feedback date printed without its year where nothing else gives it */
    static InspectionHeader inspection(String title, List<String> prose, LocalDate reportDate) {
        List<TeamMention> mentions = teamMentions(title, prose);
        String team = mentions.isEmpty() ? null : mentions.get(0).name();
        String target = null;
        Set<InspectionKind> kinds = EnumSet.noneOf(InspectionKind.class);
        String theme = null;
        String round = null;
        boolean recheck = false;
        LocalDate from = null;
        LocalDate to = null;
        LocalDate feedback = null;
        List<String> lines = new ArrayList<>();
        lines.add(title);
        lines.addAll(prose);
        for (String line : lines) {
            if (team == null) {
                team = first(TEAM_WITHOUT_ORDINAL, line);
                if (team == null) {
                    String auditor = first(AUDITOR, line);
                    team = auditor == null ? null : LEADING_WORDS.matcher(auditor).replaceFirst("");
                }
            }
            recheck |= line.contains("回头看");
            if (round == null) {
                round = first(ROUND, line);
            }
        }
        for (String line : prose) {
            if (target == null) {
                Matcher m = TARGET_WITH_PARTY.matcher(line);
                if (m.find()) {
                    target = m.group(1);
                } else if ((m = TARGET.matcher(line)).find() || (m = TARGET_OF_AUDIT.matcher(line)).find()
                        || (m = TARGET_ENTERED.matcher(line)).find()) {
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
                } else if ((m = PERIOD_IN_MONTHS.matcher(line)).find()) {
                    from = DateText.date(m.group(1), m.group(2), "1").orElse(null);
                    String endYear = m.group(3) != null ? m.group(3) : m.group(1);
                    LocalDate first = DateText.date(endYear, m.group(4), "1").orElse(null);
                    to = first == null ? null : YearMonth.from(first).atEndOfMonth();
                }
            }
        }
        // the strictest form first: a date right before 反馈 anywhere beats a date further from it
        for (Pattern p : List.of(FEEDBACK, FEEDBACK_LATER, AUDIT_REPORT)) {
            for (int i = 0; i < prose.size() && feedback == null; i++) {
                feedback = dated(p, prose.get(i), to, reportDate);
            }
        }
        return new InspectionHeader(team, target, kinds, theme, from, to, feedback, round, recheck);
    }

    /** The first date {@code p} finds in {@code line}; without a year, the year that fits after the on-site period. */
    private static LocalDate dated(Pattern p, String line, LocalDate onSiteTo, LocalDate reportDate) {
        Matcher m = p.matcher(line);
        while (m.find()) {
            LocalDate date = null;
            if (m.group(1) != null) {
                date = DateText.date(m.group(1), m.group(2), m.group(3)).orElse(null);
            } else if (onSiteTo != null) {
                // 于12月7日反馈 takes the year of the on-site period, or the next one if the month comes earlier.
                LocalDate sameYear = DateText.date(String.valueOf(onSiteTo.getYear()), m.group(2), m.group(3)).orElse(null);
                date = sameYear != null && sameYear.isBefore(onSiteTo) ? sameYear.plusYears(1) : sameYear;
            } else if (reportDate != null) {
                // the last such day on or before the bulletin's date
                LocalDate sameYear = DateText.date(String.valueOf(reportDate.getYear()), m.group(2), m.group(3)).orElse(null);
                date = sameYear != null && sameYear.isAfter(reportDate) ? sameYear.minusYears(1) : sameYear;
            }
            if (date != null) {
                return date;
            }
        }
        return null;
    }

    /** The date the prose says its account stands at (截至2023年10月31日), for a bulletin that prints no date. */
    static LocalDate statedAsOf(String title, List<String> prose) {
        List<String> lines = new ArrayList<>();
        lines.add(title);
        lines.addAll(prose);
        for (String line : lines) {
            Matcher m = STATED_AS_OF.matcher(line);
            if (m.find()) {
                if (m.group(3) != null) {
                    return DateText.date(m.group(1), m.group(2), m.group(3)).orElse(null);
                }
                LocalDate first = DateText.date(m.group(1), m.group(2), "1").orElse(null);
                return first == null ? null : YearMonth.from(first).atEndOfMonth();
            }
        }
        return null;
    }

    private static String first(Pattern p, String line) {
        Matcher m = p.matcher(line);
        return m.find() ? m.group(1) : null;
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
        DeclaredTotals tree = DeclaredTotals.NONE;
        Integer measures = null;
        String measuresSentence = null;
        for (String line : lines) {
            for (String sentence : Sentences.of(line)) {
                if (measures == null) {
                    measures = number(MEASURES, sentence);
                    measuresSentence = measures == null ? null : sentence;
                }
                if (tree != DeclaredTotals.NONE || !DECLARING.matcher(sentence).find()) {
                    continue;
                }
                Integer aspects = number(ASPECTS, sentence);
                Integer categories = number(CATEGORIES, sentence);
                Integer major = number(MAJOR_ITEMS, sentence);
                if (major != null) {
                    // 大项 are the tree's first level unless 方面 are declared beside them
                    if (aspects == null) {
                        aspects = major;
                    } else if (categories == null) {
                        categories = major;
                    }
                }
                Integer issues = number(ISSUES, sentence);
                Integer suggestions = number(SUGGESTIONS, sentence);
                if (aspects != null || categories != null || issues != null) {
                    tree = new DeclaredTotals(aspects, categories, issues, suggestions, sentence);
                }
            }
        }
        return new DeclaredTotals(tree.aspects(), tree.categories(), tree.issues(), tree.suggestions(), tree.sentence(),
                measures, measuresSentence);
    }

    /** The number of the first match of {@code p}, in whichever of its groups it stands. */
    private static Integer number(Pattern p, String sentence) {
        Matcher m = p.matcher(sentence);
        if (!m.find()) {
            return null;
        }
        for (int g = 1; g <= m.groupCount(); g++) {
            if (m.group(g) != null) {
                Optional<Integer> n = NumeralText.parse(m.group(g)).stream().boxed().findFirst();
                return n.orElse(null);
            }
        }
        return null;
    }
}
