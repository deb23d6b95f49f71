package io.zhenggai.issue.importing;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Parses the plain text of a progress bulletin (整改进展情况通报) into a {@link Bulletin}, reads its figures, and checks
 * them. Pure: no I/O besides loading the metric catalogue once, no clock, thread-safe.
 *
 * <pre>{@code
 * ParseResult result = new BulletinParser().parse(text);
 * result.issueCount(); result.findings();
 * }</pre>
 */
public final class BulletinParser {

    /**
     * The longest paragraph read: the seed's longest is 3,195 characters. Regular expressions over one paragraph may
     * backtrack, so this bound (not the length of the whole text) is what keeps a parse linear in its input.
     */
    public static final int MAX_PARAGRAPH_CHARS = 20_000;
    /** The most non-empty paragraphs: the seed has 146. */
    public static final int MAX_PARAGRAPHS = 20_000;
    /** The most headings (aspects, categories, issues and the numbered lines below them) of all trees together. */
    public static final int MAX_HEADINGS = 5_000;

    private static final Pattern GENRE = Pattern.compile("整改|巡察|巡视|问题");
    private static final Pattern NOT_TEXT = Pattern.compile("[\\x00-\\x08\\x0E-\\x1F\\uFFFD]");

    private final MetricCatalogue catalogue;
    private final ReadingExtractor extractor;
    private final RateCheck rateCheck;
    private final BreakdownCheck breakdownCheck;

    /** A parser with the metric catalogue on the class path. */
    public BulletinParser() {
        this(MetricCatalogue.load());
    }

    public BulletinParser(MetricCatalogue catalogue) {
        this.catalogue = catalogue;
        this.extractor = new ReadingExtractor(catalogue);
        this.rateCheck = new RateCheck(catalogue);
        this.breakdownCheck = new BreakdownCheck(catalogue);
    }

    /**
     * @throws NotABulletinException when the text is not a bulletin, saying why
     */
    public ParseResult parse(String text) {
        if (text == null || text.isBlank()) {
            throw new NotABulletinException(NotABulletinException.Reason.EMPTY, "文本为空 (the text is empty)");
        }
        if (NOT_TEXT.matcher(text).find()) {
            throw new NotABulletinException(NotABulletinException.Reason.NOT_TEXT,
                    "文本含有控制字符或乱码，请以 UTF-8 纯文本上传 (the text holds control or replacement characters: upload UTF-8 plain text)");
        }
        if (!GENRE.matcher(text).find()) {
            throw new NotABulletinException(NotABulletinException.Reason.NOT_RECTIFICATION,
                    "文本中没有“整改”“巡察”“问题”等字样，不是整改通报 (no word of a rectification bulletin such as 整改, 巡察 or 问题)");
        }
        List<String> lines = BulletinText.lines(text);
        if (lines.size() > MAX_PARAGRAPHS) {
            throw new NotABulletinException(NotABulletinException.Reason.TOO_LARGE, String.format(
                    "文本有%d段，超过%d段的上限 (the text holds %d paragraphs, more than the %d a bulletin may hold)",
                    lines.size(), MAX_PARAGRAPHS, lines.size(), MAX_PARAGRAPHS));
        }
        for (int n = 0; n < lines.size(); n++) {
            if (lines.get(n).length() > MAX_PARAGRAPH_CHARS) {
                throw new NotABulletinException(NotABulletinException.Reason.TOO_LARGE, String.format(
                        "第%d段长达%d字，超过%d字的上限，请检查是否缺少换行 (paragraph %d holds %d characters, more than "
                                + "the %d a bulletin's paragraph may hold: are line breaks missing?)",
                        n + 1, lines.get(n).length(), MAX_PARAGRAPH_CHARS, n + 1, lines.get(n).length(),
                        MAX_PARAGRAPH_CHARS));
            }
        }
        DocumentLayout layout = DocumentLayout.of(lines);

        List<String> prose = new ArrayList<>();
        List<FeedbackList> lists = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        List<ConflictCheck.Located> located = new ArrayList<>();
        // The inspection header is read from the main text's prose before the figures, which need its dates.
        ListReader.Result main = ListReader.read(layout.body());
        prose.addAll(main.prose());
        List<DocumentLayout.AttachmentText> attachments = layout.attachments();
        List<ListReader.Result> attachmentTrees = new ArrayList<>();
        for (DocumentLayout.AttachmentText attachment : attachments) {
            ListReader.Result read = ListReader.read(attachment.body());
            prose.addAll(read.prose());
            attachmentTrees.add(read);
        }
        int headings = headings(main.aspects()) + attachmentTrees.stream().mapToInt(t -> headings(t.aspects())).sum();
        if (headings > MAX_HEADINGS) {
            throw new NotABulletinException(NotABulletinException.Reason.TOO_LARGE, String.format(
                    "文中有%d个编号标题，超过%d个的上限 (the text holds %d numbered headings, more than the %d a bulletin "
                            + "may hold)", headings, MAX_HEADINGS, headings, MAX_HEADINGS));
        }
        LocalDate reportDate = layout.reportDate() != null ? layout.reportDate()
                : HeaderReader.statedAsOf(layout.title(), prose);
        InspectionHeader inspection = HeaderReader.inspection(layout.title(), prose, reportDate);
        LocalDate problemDate = inspection.onSiteTo() != null ? inspection.onSiteTo() : inspection.feedbackDate();
        DeclaredTotals declared = HeaderReader.declared(layout.title(), prose);
        String issuingUnit = HeaderReader.issuingUnit(layout.title(), layout.signatory());

        lists.add(new FeedbackList("main", FeedbackList.Kind.MAIN, layout.title(), null,
                assemble("main", main, reportDate, problemDate, findings, located)));
        for (int n = 0, k = 1; n < attachments.size(); n++) {
            if (attachmentTrees.get(n).aspects().isEmpty()) {
                // An attachment without a feedback tree (a 整改台账 table, a list of documents) is not a list.
                continue;
            }
            String key = "attachment-" + k++;
            DocumentLayout.AttachmentText attachment = attachments.get(n);
            lists.add(new FeedbackList(key, FeedbackList.Kind.ATTACHMENT, attachment.title(), Themes.of(attachment.title()),
                    assemble(key, attachmentTrees.get(n), reportDate, problemDate, findings, located)));
        }
        if (lists.stream().allMatch(l -> l.issues().isEmpty())) {
            PartialRead partial = ShapeReport.partial(layout, issuingUnit, inspection, declared, reportDate,
                    extractor);
            throw new NotABulletinException(NotABulletinException.Reason.NO_FEEDBACK_TREE,
                    ShapeReport.message(partial), partial);
        }
        Bulletin bulletin = new Bulletin(layout.title(), issuingUnit, inspection, declared, lists, layout.signatory(),
                reportDate);

        // The declaration stands before the trees in the document, so its findings come first within their kind.
        findings.addAll(0, DeclaredCountCheck.apply(bulletin));
        findings.addAll(new ConflictCheck(catalogue).apply(located));
        List<HeaderReader.TeamMention> mentions = new ArrayList<>(HeaderReader.teamMentions(layout.title(), prose));
        mentions.addAll(HeaderReader.feedbackMentions(lists));
        findings.addAll(NameCheck.apply(mentions));
        List<Finding> ordered = new ArrayList<>(findings);
        // Stable: within a kind, findings stay in document order.
        ordered.sort(Comparator.comparing(Finding::kind));
        List<ListCounts> counts = bulletin.lists().stream().map(ListCounts::of).toList();
        return new ParseResult(bulletin, ordered, counts);
    }

    private static int headings(List<OutlineBuilder.Node> nodes) {
        int count = 0;
        for (OutlineBuilder.Node node : nodes) {
            count += 1 + headings(node.children);
        }
        return count;
    }

    private List<Aspect> assemble(String listKey, ListReader.Result tree, LocalDate reportDate, LocalDate problemDate,
                                  List<Finding> findings, List<ConflictCheck.Located> located) {
        return new TreeAssembler(issue -> {
            List<PlacedReading> placed = new ArrayList<>();
            List<IssueProblem> problems = new ArrayList<>();
            // Figures in the problem's own description stand for the time of the inspection, not the report.
            ReadingExtractor.Extraction fromDescription = extractor.extract(issue.description(), problemDate);
            ReadingExtractor.Extraction fromProgress = extractor.extract(issue.progressText(), reportDate);
            problems.addAll(fromDescription.problems());
            problems.addAll(fromProgress.problems());
            for (ReadingExtractor.Extraction extraction : List.of(fromDescription, fromProgress)) {
                List<PlacedReading> figures = new ArrayList<>(extraction.readings());
                problems.addAll(rateCheck.apply(figures));
                problems.addAll(breakdownCheck.apply(figures));
                placed.addAll(figures);
            }
            problems.forEach(p -> findings.add(p.at(listKey, issue.path())));
            List<Reading> readings = placed.stream().map(PlacedReading::reading).toList();
            placed.forEach(p -> located.add(new ConflictCheck.Located(listKey, issue.path(), p.reading(), p.breakdown())));
            return issue.withReadings(readings);
        }).assemble(tree.aspects());
    }
}
