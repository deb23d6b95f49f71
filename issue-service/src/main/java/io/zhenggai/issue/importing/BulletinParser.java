package io.zhenggai.issue.importing;

import java.util.ArrayList;
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

    private static final Pattern GENRE = Pattern.compile("整改|巡察|巡视|问题");
    private static final Pattern NOT_TEXT = Pattern.compile("[\\x00-\\x08\\x0E-\\x1F\\uFFFD]");

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
        DocumentLayout layout = DocumentLayout.of(lines);

        List<String> prose = new ArrayList<>();
        List<FeedbackList> lists = new ArrayList<>();
        ListReader.Result main = ListReader.read(layout.body());
        prose.addAll(main.prose());
        lists.add(new FeedbackList("main", FeedbackList.Kind.MAIN, layout.title(), null,
                new TreeAssembler().assemble(main.aspects())));
        int n = 1;
        for (DocumentLayout.AttachmentText attachment : layout.attachments()) {
            ListReader.Result read = ListReader.read(attachment.body());
            prose.addAll(read.prose());
            lists.add(new FeedbackList("attachment-" + n++, FeedbackList.Kind.ATTACHMENT, attachment.title(),
                    Themes.of(attachment.title()), new TreeAssembler().assemble(read.aspects())));
        }
        if (lists.stream().allMatch(l -> l.issues().isEmpty())) {
            throw new NotABulletinException(NotABulletinException.Reason.NO_FEEDBACK_TREE,
                    "未找到编号的反馈问题清单（如“（一）…方面”“1.…问题”） (no numbered feedback tree with at least one problem was found)");
        }
        InspectionHeader inspection = HeaderReader.inspection(layout.title(), prose);
        DeclaredTotals declared = HeaderReader.declared(layout.title(), prose);
        Bulletin bulletin = new Bulletin(layout.title(), HeaderReader.issuingUnit(layout.title()), inspection, declared,
                lists, layout.signatory(), layout.reportDate());
        List<Finding> findings = new ArrayList<>();
        List<ListCounts> counts = bulletin.lists().stream().map(ListCounts::of).toList();
        return new ParseResult(bulletin, findings, counts);
    }
}
