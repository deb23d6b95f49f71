package io.zhenggai.issue.importing;

import io.zhenggai.issue.figures.Kind;
import io.zhenggai.issue.figures.ParseContext;
import io.zhenggai.issue.figures.Quantity;
import io.zhenggai.issue.figures.QuantityException;
import io.zhenggai.issue.figures.QuantityScanner;
import io.zhenggai.issue.figures.QuantityToken;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the figures of one issue's text into readings. The figures package finds the candidate tokens and converts
 * them (the one place for units); this class decides which candidates are readings, gives each its metric, counting
 * phrase, dimensions and date, and reports figures whose unit does not fit their metric.
 *
 * <p>Not readings: ordinals (第77位), capacities in project names (年产10万吨, 2GW高效组件), thresholds (20万方及以上,
 * 投资过10亿元项目, 50万方以上的单位), the numeral 一 (an article: 一名, 一批) and Chinese numerals inside quotation marks
 * (slogans: “四个意识”, “六个百分百”). Dates, years and document numbers are never candidates.
 */
final class ReadingExtractor {

    private static final String CLAUSE_BREAKS = "，,、：:；;。！!？?";
    private static final String SEGMENT_BREAKS = "；;。！!？?";
    private static final Pattern CAPACITY_BEFORE = Pattern.compile("(?:年产|日产|年处理|日处理|年加工|装机|产能|设计能力)$");
    private static final Pattern POWER_UNIT = Pattern.compile("(?i)^(?:[GMK]W|[万千兆]?千?瓦)$");
    private static final Pattern MONEY_WORDS = Pattern.compile("元|资产|投资|资金|金额|产值|收入|贷款|债务|债券|预算|经费|税收|营收|增加值|外资");
    private static final Pattern GROWTH_WORDS = Pattern.compile("增长|增速|增幅|同比|环比|提高|提升|上升");
    private static final Pattern AS_OF = Pattern.compile(
            "(?:截至|截止到|截止|截至到)\\s*(?:(\\d{4})年)?(\\d{1,2})月(\\d{1,2})日|^(?:(\\d{4})年)?(\\d{1,2})月(\\d{1,2})日[，,]");
    private static final Pattern DOCUMENT_TITLE = Pattern.compile("《[^》]*》");
    private static final Pattern MEASURE_MARKER = Pattern.compile(
            "^(?:[一二三四五六七八九十]{1,2}是|[（(]\\d{1,2}[）)]|[\u2460-\u2473]|\\d{1,2}[.、．](?!\\d))");

    private final MetricCatalogue catalogue;

    ReadingExtractor(MetricCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    /** The readings of one issue, and the problems found while reading them. */
    record Extraction(List<PlacedReading> readings, List<IssueProblem> problems) {
    }

    Extraction extract(String text, LocalDate reportDate) {
        List<PlacedReading> placed = new ArrayList<>();
        List<IssueProblem> problems = new ArrayList<>();
        List<String> sentences = Sentences.of(text);
        for (int si = 0; si < sentences.size(); si++) {
            readSentence(sentences.get(si), si, reportDate, placed, problems);
        }
        return new Extraction(placed, problems);
    }

    private void readSentence(String sentence, int si, LocalDate reportDate, List<PlacedReading> out, List<IssueProblem> problems) {
        List<QuantityToken> tokens = QuantityScanner.scan(sentence);
        if (tokens.isEmpty()) {
            return;
        }
        int breakdownAt = sentence.indexOf("其中");
        LocalDate asOf = asOf(sentence, reportDate);
        boolean money = MONEY_WORDS.matcher(sentence).find();
        // First pass: which candidates are readings, and the phrase right before each.
        List<Candidate> candidates = new ArrayList<>();
        for (int k = 0; k < tokens.size(); k++) {
            QuantityToken t = tokens.get(k);
            if (!isReading(sentence, t)) {
                continue;
            }
            int clauseStart = clauseStart(sentence, t.start());
            int segmentStart = segmentStart(sentence, t.start());
            int windowStart = Math.max(clauseStart, k > 0 ? tokens.get(k - 1).end() : 0);
            String before = sentence.substring(Math.min(windowStart, t.start()), t.start());
            ParseContext context = ParseContext.DEFAULT;
            if (money) {
                context = context.withMoney();
            }
            if (sentence.substring(segmentStart, t.start()).contains("预计")) {
                // 预计 governs the whole clause after it: 预计一季度贷款余额883.94亿元,不良贷款21.27亿元,不良率2.41%.
                context = context.withForecast();
            }
            if (GROWTH_WORDS.matcher(sentence.substring(clauseStart, t.start())).find()
                    || sentence.substring(segmentStart, t.start()).contains("超额")) {
                // A growth rate may exceed 100%, and so may a task 超额完成; a completion rate may not.
                context = context.withExceeding();
            }
            Quantity quantity;
            boolean above100 = false;
            try {
                quantity = t.parse(context);
            } catch (QuantityException e) {
                if (e.reason() == QuantityException.Reason.RATE_ABOVE_100) {
                    // Above 100% is a fault only for a rate of parts (完成率, 开工率, 占比), not for 占年度计划的105%:
                    // read it as exceeded and decide once the metric is known.
                    quantity = t.parse(context.withExceeding());
                    above100 = true;
                } else {
                    if (e.reason() == QuantityException.Reason.FRACTIONAL_COUNT) {
                        problems.add(new IssueProblem(FindingKind.UNIT_SUSPECT,
                                "计数" + t.text() + "不是整数",
                                "the count " + t.text() + " is not a whole number", sentence));
                    }
                    continue;
                }
            }
            Candidate candidate = new Candidate(k, t, quantity, before, clauseStart, segmentStart);
            candidate.above100 = above100;
            candidates.add(candidate);
        }
        // Second pass: the words after a number end where the next number's own phrase begins.
        Map<Integer, Integer> ownPhraseStart = new HashMap<>();
        for (Candidate c : candidates) {
            c.beforeMatch = best(catalogue.matches(c.before, "", sentence.substring(c.segmentStart, segmentEnd(sentence, c.token.start()))), c.quantity.kind(), true);
            int phraseStart = c.token.start();
            if (c.beforeMatch != null) {
                phraseStart -= c.beforeMatch.distance() + c.beforeMatch.phrase().length();
            }
            ownPhraseStart.put(c.index, phraseStart);
        }
        for (int n = 0; n < candidates.size(); n++) {
            Candidate c = candidates.get(n);
            int clauseEnd = clauseEnd(sentence, c.token.end());
            int afterEnd = clauseEnd;
            if (c.index + 1 < tokens.size()) {
                int nextStart = ownPhraseStart.getOrDefault(c.index + 1, tokens.get(c.index + 1).start());
                afterEnd = Math.min(afterEnd, Math.max(c.token.end(), nextStart));
            }
            String after = sentence.substring(c.token.end(), afterEnd);
            String segment = sentence.substring(c.segmentStart, segmentEnd(sentence, c.token.start()));
            MetricCatalogue.PhraseMatch match = c.beforeMatch;
            if (match == null || !match.tight()) {
                MetricCatalogue.PhraseMatch afterMatch = best(catalogue.matches("", after, segment), c.quantity.kind(), false);
                if (match == null || afterMatch != null && afterMatch.distance() < match.distance()) {
                    match = afterMatch;
                }
            }
            String metric = MetricDefinition.UNCLASSIFIED;
            String phrase = null;
            if (match != null) {
                if (!fits(match.metric().kind(), c.quantity.kind()) && !(match.tight() && trimPunctuation(after).isEmpty())) {
                    // 已完成投资3个项目 counts projects: only a phrase that governs the whole figure makes a misfit suspect.
                    match = null;
                }
            }
            if (match != null) {
                metric = match.metric().code();
                phrase = match.phrase();
                if (!fits(match.metric().kind(), c.quantity.kind())) {
                    problems.add(new IssueProblem(FindingKind.UNIT_SUSPECT,
                            "“" + phrase + "”应为" + kindZh(match.metric().kind()) + "，却以" + c.token.unitText() + "计：" + c.token.text(),
                            "\"" + phrase + "\" (" + match.metric().code() + ") is " + match.metric().kind()
                                    + " but is given in " + c.token.unitText() + ": " + c.token.text(), sentence));
                }
            }
            if (c.above100 && match != null && match.metric().isRate()) {
                problems.add(new IssueProblem(FindingKind.UNIT_SUSPECT,
                        "“" + phrase + "”" + c.token.text() + "超过100%，且未说明超额完成",
                        "the rate " + c.token.text() + " (" + match.metric().code() + ") is above 100% and the text does not say it was exceeded",
                        sentence));
            }
            if (match == null) {
                phrase = countingPhrase(c.before, after, withoutFigures(sentence.substring(c.clauseStart, c.token.start()), tokens));
            }
            boolean breakdown = breakdownAt >= 0 && c.token.start() > breakdownAt;
            Map<String, String> dimensions = dimensions(sentence, c, tokens, breakdown ? breakdownAt : -1);
            // A change of a rate (同比下降6.6%) is not a rate of parts.
            RateParts rate = c.quantity.kind() == Kind.RATE && !c.quantity.change() ? RateParts.STATED : null;
            Reading reading = new Reading(c.token.text(), c.quantity, phrase, metric, dimensions, asOf, sentence, rate);
            out.add(new PlacedReading(reading, si, segmentIndex(sentence, c.token.start()), breakdown));
        }
    }

    /**
     * The best match whose metric fits the quantity's kind. A phrase that governs the number directly but does not fit
     * it (已完成投资3个) is returned only when no directly governing phrase fits, so that the caller can report it.
     */
    private static MetricCatalogue.PhraseMatch best(List<MetricCatalogue.PhraseMatch> matches, Kind kind, boolean allowTightMisfit) {
        MetricCatalogue.PhraseMatch fit = null;
        MetricCatalogue.PhraseMatch misfit = null;
        for (MetricCatalogue.PhraseMatch m : matches) {
            if (fit == null && fits(m.metric().kind(), kind)) {
                fit = m;
            } else if (misfit == null && allowTightMisfit && m.tight() && !fits(m.metric().kind(), kind)
                    && misfitIsSuspect(m.metric().kind(), kind)) {
                misfit = m;
            }
        }
        if (fit != null && (fit.tight() || misfit == null)) {
            return fit;
        }
        return misfit != null ? misfit : fit;
    }

    private static boolean fits(Kind metricKind, Kind readingKind) {
        return metricKind == readingKind;
    }

    /** Money counted in 个, a count in 亿元, a rate in 家: a unit that cannot be meant. A 百分点 near a 率 can. */
    private static boolean misfitIsSuspect(Kind metricKind, Kind readingKind) {
        return !(metricKind == Kind.RATE && readingKind == Kind.DIFFERENCE_OF_RATES);
    }

    private boolean isReading(String sentence, QuantityToken t) {
        if (t.ordinal()) {
            return false;
        }
        if (t.numberText().equals("若干")) {
            // 若干家: a quantity asserted without a number; kept, with no value.
            return !insideQuotes(sentence, t.start());
        }
        if (!t.numberText().chars().allMatch(ch -> Character.isDigit(ch) || ch == '.' || ch == ',' || ch == '，')) {
            // A Chinese numeral: 一 is an article (一名, 一批), and a quoted one a slogan (“四个意识”).
            int value = NumeralText.parseOr(t.numberText(), 1);
            if (value <= 1 || insideQuotes(sentence, t.start())) {
                return false;
            }
        }
        if (insideDocumentTitle(sentence, t.start())) {
            // 《…十项措施》 names a document.
            return false;
        }
        String before = sentence.substring(Math.max(0, t.start() - 5), t.start());
        if (CAPACITY_BEFORE.matcher(before).find()) {
            return false;
        }
        if (sentence.startsWith("位次", t.end()) || sentence.startsWith("名次", t.end()) || sentence.startsWith("个位次", t.end())) {
            // 提升9个位次: a move in a ranking, as ordinal as 第77位.
            return false;
        }
        char next = t.end() < sentence.length() ? sentence.charAt(t.end()) : '。';
        boolean nounFollows = isHan(next);
        if (POWER_UNIT.matcher(t.unitText()).matches() && nounFollows) {
            // 2GW高效组件项目: a capacity inside a project name.
            return false;
        }
        List<String> words = t.qualifierWords();
        if (words.contains("及以上") || words.contains("及以下")) {
            return false;
        }
        if ((words.contains("以上") || words.contains("以下")) && nounFollows) {
            // 50万方以上的单位: a class of units, not a figure.
            return false;
        }
        char previous = t.start() > 0 ? sentence.charAt(t.start() - 1) : '。';
        return !(previous == '过' && nounFollows);
    }

    private Map<String, String> dimensions(String sentence, Candidate c, List<QuantityToken> tokens, int breakdownAt) {
        int clauseStart = c.clauseStart;
        int ownEnd = clauseEnd(sentence, c.token.end());
        if (c.index + 1 < tokens.size()) {
            ownEnd = Math.min(ownEnd, Math.max(c.token.end(), tokens.get(c.index + 1).start()));
        }
        Map<String, String> dims = new HashMap<>();
        String own = sentence.substring(clauseStart, ownEnd);
        apply(dims, own, null);
        // Earlier clauses of the segment carry over, but not the sibling items of a breakdown.
        int end = clauseStart;
        while (end > c.segmentStart) {
            int start = clauseStart(sentence, end - 1);
            if (breakdownAt >= 0 && end > breakdownAt) {
                end = start;
                continue;
            }
            apply(dims, sentence.substring(start, end), own);
            end = start;
        }
        String year = dims.get("year");
        if (year != null && dims.entrySet().stream().anyMatch(e -> !e.getKey().equals("year") && e.getValue().startsWith(year))) {
            // 2021年耕地保护督察 is batch=2021耕地保护督察; a year beside it would only repeat it.
            dims.remove("year");
        }
        return dims;
    }

    /** Adds the dimensions of {@code clause}; {@code into} is the reading's own clause when carrying from an earlier one. */
    private void apply(Map<String, String> dims, String clause, String into) {
        String text = clause.indexOf('《') < 0 ? clause : DOCUMENT_TITLE.matcher(clause).replaceAll("");
        for (DimensionRule rule : catalogue.dimensionRules()) {
            if (dims.containsKey(rule.key()) || into != null && !rule.carriesInto(into)) {
                continue;
            }
            Optional<DimensionRule.Found> found = rule.find(text);
            found.ifPresent(f -> dims.put(rule.key(), f.value()));
        }
    }

    /**
     * The words that say what an unclassified figure counts: the words before it in its clause (新购置大功率抽水泵2台),
     * or, when those are too few to say anything (对6家新开餐饮店铺进行建档), both sides with … for the number.
     */
    private static String countingPhrase(String before, String after, String clauseBefore) {
        String b = trimPunctuation(MEASURE_MARKER.matcher(before.strip()).replaceFirst(""));
        String a = trimPunctuation(after);
        if (b.isEmpty() && a.isEmpty()) {
            b = trimPunctuation(MEASURE_MARKER.matcher(clauseBefore.strip()).replaceFirst(""));
        }
        if (b.length() >= 4 || a.isEmpty()) {
            return b.length() > 20 ? b.substring(b.length() - 20) : b;
        }
        String tail = a.length() > 16 ? a.substring(0, 16) : a;
        return b.isEmpty() ? tail : b + "…" + tail;
    }

    private static String withoutFigures(String text, List<QuantityToken> tokens) {
        String out = text;
        for (QuantityToken t : tokens) {
            out = out.replace(t.text(), "");
        }
        return out;
    }

    private static String trimPunctuation(String s) {
        String t = s.strip();
        while (!t.isEmpty() && (CLAUSE_BREAKS + "“”\"()（）").indexOf(t.charAt(0)) >= 0) {
            t = t.substring(1);
        }
        while (!t.isEmpty() && (CLAUSE_BREAKS + "“”\"()（）").indexOf(t.charAt(t.length() - 1)) >= 0) {
            t = t.substring(0, t.length() - 1);
        }
        return t;
    }

    private static LocalDate asOf(String sentence, LocalDate reportDate) {
        Matcher m = AS_OF.matcher(sentence);
        if (!m.find()) {
            return reportDate;
        }
        String year = m.group(2) != null ? m.group(1) : m.group(4);
        String month = m.group(2) != null ? m.group(2) : m.group(5);
        String day = m.group(2) != null ? m.group(3) : m.group(6);
        if (year == null) {
            if (reportDate == null) {
                return null;
            }
            LocalDate sameYear = DateText.date(String.valueOf(reportDate.getYear()), month, day).orElse(null);
            return sameYear != null && sameYear.isAfter(reportDate) ? sameYear.minusYears(1) : sameYear;
        }
        return DateText.date(year, month, day).orElse(reportDate);
    }

    private static boolean insideDocumentTitle(String s, int at) {
        int open = s.lastIndexOf('《', at);
        return open >= 0 && s.lastIndexOf('》', at) < open;
    }

    private static boolean insideQuotes(String s, int at) {
        int open = 0;
        for (int i = 0; i < at; i++) {
            char ch = s.charAt(i);
            if (ch == '“' || ch == '「') {
                open++;
            } else if ((ch == '”' || ch == '」') && open > 0) {
                open--;
            }
        }
        return open > 0;
    }

    private static boolean isHan(char c) {
        return Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN;
    }

    /** Whether the character at {@code i} ends a clause: full-width or ASCII punctuation, a dot not in a number. */
    private static boolean clauseBreak(String s, int i) {
        return CLAUSE_BREAKS.indexOf(s.charAt(i)) >= 0 || s.charAt(i) == '.' && Sentences.isAsciiFullStop(s, i);
    }

    private static boolean segmentBreak(String s, int i) {
        return SEGMENT_BREAKS.indexOf(s.charAt(i)) >= 0 || s.charAt(i) == '.' && Sentences.isAsciiFullStop(s, i);
    }

    private static int clauseStart(String s, int at) {
        for (int i = at - 1; i >= 0; i--) {
            if (clauseBreak(s, i)) {
                return i + 1;
            }
        }
        return 0;
    }

    private static int clauseEnd(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            if (clauseBreak(s, i)) {
                return i;
            }
        }
        return s.length();
    }

    private static int segmentStart(String s, int at) {
        for (int i = at - 1; i >= 0; i--) {
            if (segmentBreak(s, i)) {
                return i + 1;
            }
        }
        return 0;
    }

    private static int segmentEnd(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            if (segmentBreak(s, i)) {
                return i;
            }
        }
        return s.length();
    }

    private static int segmentIndex(String s, int at) {
        int n = 0;
        for (int i = 0; i < at; i++) {
            if (segmentBreak(s, i) && i < s.length() - 1) {
                n++;
            }
        }
        return n;
    }

    static String kindZh(Kind kind) {
        return switch (kind) {
            case MONEY -> "金额";
            case COUNT -> "计数";
            case RATE -> "比率";
            case AREA -> "面积";
            case LENGTH -> "长度";
            case VOLUME -> "体积";
            case MASS -> "重量";
            case POWER -> "功率";
            case ENERGY -> "电量";
            case DIFFERENCE_OF_RATES -> "百分点";
            case COMPOUND -> "复合单位量";
            case TIME -> "时间";
        };
    }

    /** A token that is a reading, while its metric is being decided. */
    private static final class Candidate {
        final int index;
        final QuantityToken token;
        final Quantity quantity;
        final String before;
        final int clauseStart;
        final int segmentStart;
        MetricCatalogue.PhraseMatch beforeMatch;
        boolean above100;

        Candidate(int index, QuantityToken token, Quantity quantity, String before, int clauseStart, int segmentStart) {
            this.index = index;
            this.token = token;
            this.quantity = quantity;
            this.before = before;
            this.clauseStart = clauseStart;
            this.segmentStart = segmentStart;
        }
    }
}
