package io.zhenggai.report.bulletin;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.Date;

import org.apache.poi.wp.usermodel.HeaderFooterType;
import org.apache.poi.xwpf.usermodel.LineSpacingRule;
import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFFooter;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTInd;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageMar;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageSz;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTSectPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTText;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STFldCharType;

import io.zhenggai.report.bulletin.Bulletin.Block;

/**
 * A bulletin as a Word document (OOXML, written with Apache POI) in the layout of Chinese official documents, GB/T
 * 9704—2012:
 * <ul>
 *   <li>A4 (210 × 297 mm); margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm;</li>
 *   <li>title in 2号 (22 pt) 小标宋, centred; body in 3号 (16 pt) 仿宋, first lines indented by two characters, lines
 *       at a fixed 28.95 pt (22 lines a page); headings 一、 in 黑体, （一） in 楷体, 1. and （1） in 仿宋;</li>
 *   <li>signature and date right-aligned four characters in; each attachment on a new page, its label (附件1) in
 *       黑体 at the top left, its title like the document's;</li>
 *   <li>page numbers in 4号 (14 pt) 宋体 in the footer as "— 1 —", a PAGE field: odd pages on the right and even pages
 *       on the left, one character in.</li>
 * </ul>
 * Font names are those of the standard ({@link Fonts#GB_T_9704}); a machine without them substitutes its own (宋体,
 * 仿宋), as Word and WPS do. Pure: the same bulletin gives the same document, apart from its creation time.
 */
public final class WordBulletin {

    /** Twips per millimetre: 1440 per inch, 25.4 mm per inch. */
    private static final double TWIPS_PER_MM = 1440 / 25.4;
    static final int PAGE_WIDTH = 11906;
    static final int PAGE_HEIGHT = 16838;
    static final int MARGIN_TOP = mm(37);
    static final int MARGIN_BOTTOM = mm(35);
    static final int MARGIN_LEFT = mm(28);
    static final int MARGIN_RIGHT = mm(26);
    /** The footer's distance from the page's bottom edge: the page number sits about a line below the text. */
    static final int FOOTER_DISTANCE = mm(28);
    /** Font sizes in points: 2号, 3号, 4号. */
    static final int SIZE_TITLE = 22;
    static final int SIZE_BODY = 16;
    static final int SIZE_PAGE_NUMBER = 14;
    /** The fixed line pitch of the body: 22 lines on the 225 mm of text height. */
    static final double LINE_POINTS = 28.95;
    static final double TITLE_LINE_POINTS = 35;
    /** One character of the body (16 pt) in twips. */
    private static final int CHAR = SIZE_BODY * 20;

    /** The fonts of the layout. */
    public record Fonts(String title, String body, String heading1, String heading2, String pageNumber) {
        /** As GB/T 9704 names them. */
        public static final Fonts GB_T_9704 = new Fonts("方正小标宋简体", "仿宋_GB2312", "黑体", "楷体_GB2312", "宋体");
    }

    private final Fonts fonts;
    private XWPFDocument doc;
    private boolean pageBreakBefore;

    private WordBulletin(Fonts fonts) {
        this.fonts = fonts;
    }

    public static byte[] render(Bulletin bulletin) {
        return render(bulletin, Fonts.GB_T_9704);
    }

    public static byte[] render(Bulletin bulletin, Fonts fonts) {
        return new WordBulletin(fonts).write(bulletin);
    }

    private static int mm(double millimetres) {
        return (int) Math.round(millimetres * TWIPS_PER_MM);
    }

    private byte[] write(Bulletin bulletin) {
        try (XWPFDocument document = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            this.doc = document;
            page();
            for (Block block : bulletin.blocks()) {
                block(block);
            }
            footers();
            document.getProperties().getCoreProperties().setTitle(bulletin.title());
            document.getProperties().getCoreProperties().setCreator("Zhenggai report-service");
            document.getProperties().getCoreProperties().setCreated(java.util.Optional.of(new Date()));
            document.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void page() {
        CTSectPr section = doc.getDocument().getBody().isSetSectPr() ? doc.getDocument().getBody().getSectPr()
                : doc.getDocument().getBody().addNewSectPr();
        CTPageSz size = section.isSetPgSz() ? section.getPgSz() : section.addNewPgSz();
        size.setW(BigInteger.valueOf(PAGE_WIDTH));
        size.setH(BigInteger.valueOf(PAGE_HEIGHT));
        CTPageMar margins = section.isSetPgMar() ? section.getPgMar() : section.addNewPgMar();
        margins.setTop(BigInteger.valueOf(MARGIN_TOP));
        margins.setBottom(BigInteger.valueOf(MARGIN_BOTTOM));
        margins.setLeft(BigInteger.valueOf(MARGIN_LEFT));
        margins.setRight(BigInteger.valueOf(MARGIN_RIGHT));
        margins.setHeader(BigInteger.valueOf(mm(15)));
        margins.setFooter(BigInteger.valueOf(FOOTER_DISTANCE));
        margins.setGutter(BigInteger.ZERO);
    }

    private void block(Block block) {
        if (block instanceof Bulletin.PageBreak) {
            pageBreakBefore = true;
        } else if (block instanceof Bulletin.Title || block instanceof Bulletin.AttachmentTitle) {
            XWPFParagraph p = paragraph(ParagraphAlignment.CENTER, 0);
            p.setSpacingBetween(TITLE_LINE_POINTS, LineSpacingRule.EXACT);
            p.setSpacingAfter((int) Math.round(LINE_POINTS * 20));
            run(p, block.text(), fonts.title(), SIZE_TITLE, false);
        } else if (block instanceof Bulletin.Heading heading) {
            XWPFParagraph p = paragraph(ParagraphAlignment.BOTH, 2);
            String font = switch (heading.level()) {
                case 1 -> fonts.heading1();
                case 2 -> fonts.heading2();
                default -> fonts.body();
            };
            run(p, heading.text(), font, SIZE_BODY, false);
        } else if (block instanceof Bulletin.GroupHeading) {
            run(paragraph(ParagraphAlignment.BOTH, 2), block.text(), fonts.body(), SIZE_BODY, true);
        } else if (block instanceof Bulletin.Progress progress) {
            XWPFParagraph p = paragraph(ParagraphAlignment.BOTH, 2);
            run(p, progress.label() + "：", fonts.body(), SIZE_BODY, true);
            if (progress.statusWords() != null) {
                run(p, progress.statusWords() + "。", fonts.body(), SIZE_BODY, false);
            }
            if (progress.leadText() != null) {
                run(p, progress.leadText(), fonts.body(), SIZE_BODY, false);
            }
            for (String line : progress.moreLines()) {
                run(paragraph(ParagraphAlignment.BOTH, 2), line, fonts.body(), SIZE_BODY, false);
            }
        } else if (block instanceof Bulletin.AttachmentReferences references) {
            // 附件：1.… two characters in, what wraps and the further names aligned after 附件：
            for (int k = 0; k < references.lines().size(); k++) {
                XWPFParagraph p = paragraph(ParagraphAlignment.LEFT, 0);
                p.setIndentationLeft(5 * CHAR);
                if (k == 0) {
                    p.setIndentationHanging(3 * CHAR);
                    p.setSpacingBefore((int) Math.round(LINE_POINTS * 20));
                }
                run(p, references.lines().get(k), fonts.body(), SIZE_BODY, false);
            }
        } else if (block instanceof Bulletin.Signature) {
            XWPFParagraph p = paragraph(ParagraphAlignment.RIGHT, 0);
            p.setIndentationRight(4 * CHAR);
            p.setSpacingBefore((int) Math.round(2 * LINE_POINTS * 20));
            run(p, block.text(), fonts.body(), SIZE_BODY, false);
        } else if (block instanceof Bulletin.DateLine) {
            XWPFParagraph p = paragraph(ParagraphAlignment.RIGHT, 0);
            p.setIndentationRight(4 * CHAR);
            run(p, block.text(), fonts.body(), SIZE_BODY, false);
        } else if (block instanceof Bulletin.AttachmentLabel) {
            run(paragraph(ParagraphAlignment.LEFT, 0), block.text(), fonts.heading1(), SIZE_BODY, false);
        } else if (block instanceof Bulletin.FindingLine) {
            XWPFParagraph p = paragraph(ParagraphAlignment.LEFT, 0);
            p.setIndentationLeft(CHAR);
            p.setIndentationHanging(CHAR);
            run(p, block.text(), fonts.body(), SIZE_BODY, false);
        } else {
            run(paragraph(ParagraphAlignment.BOTH, 2), block.text(), fonts.body(), SIZE_BODY, false);
        }
    }

    /** A paragraph at the body's fixed line pitch, its first line indented by {@code indentChars} characters. */
    private XWPFParagraph paragraph(ParagraphAlignment alignment, int indentChars) {
        XWPFParagraph p = doc.createParagraph();
        p.setAlignment(alignment);
        p.setSpacingBetween(LINE_POINTS, LineSpacingRule.EXACT);
        p.setSpacingBefore(0);
        p.setSpacingAfter(0);
        if (indentChars > 0) {
            CTPPr pr = p.getCTP().isSetPPr() ? p.getCTP().getPPr() : p.getCTP().addNewPPr();
            CTInd ind = pr.isSetInd() ? pr.getInd() : pr.addNewInd();
            ind.setFirstLine(BigInteger.valueOf((long) indentChars * CHAR));
            ind.setFirstLineChars(BigInteger.valueOf(indentChars * 100L));
        }
        if (pageBreakBefore) {
            p.setPageBreak(true);
            pageBreakBefore = false;
        }
        return p;
    }

    private static XWPFRun run(XWPFParagraph p, String text, String font, int points, boolean bold) {
        XWPFRun run = p.createRun();
        run.setText(text);
        font(run, font, points);
        run.setBold(bold);
        return run;
    }

    private static void font(XWPFRun run, String font, int points) {
        for (XWPFRun.FontCharRange range : new XWPFRun.FontCharRange[]{XWPFRun.FontCharRange.ascii,
                XWPFRun.FontCharRange.hAnsi, XWPFRun.FontCharRange.eastAsia, XWPFRun.FontCharRange.cs}) {
            run.setFontFamily(font, range);
        }
        run.setFontSize(points);
    }

    /** Page numbers: — 1 — in 4号 宋体, odd pages right and even pages left, one character in. */
    private void footers() {
        doc.setEvenAndOddHeadings(true);
        pageNumber(doc.createFooter(HeaderFooterType.DEFAULT), ParagraphAlignment.RIGHT);
        pageNumber(doc.createFooter(HeaderFooterType.EVEN), ParagraphAlignment.LEFT);
    }

    private void pageNumber(XWPFFooter footer, ParagraphAlignment alignment) {
        XWPFParagraph p = footer.getParagraphs().isEmpty() ? footer.createParagraph() : footer.getParagraphs().get(0);
        p.setAlignment(alignment);
        int oneChar = SIZE_PAGE_NUMBER * 20;
        if (alignment == ParagraphAlignment.RIGHT) {
            p.setIndentationRight(oneChar);
        } else {
            p.setIndentationLeft(oneChar);
        }
        run(p, "— ", fonts.pageNumber(), SIZE_PAGE_NUMBER, false);
        field(p, STFldCharType.BEGIN);
        XWPFRun instruction = p.createRun();
        font(instruction, fonts.pageNumber(), SIZE_PAGE_NUMBER);
        CTText code = instruction.getCTR().addNewInstrText();
        code.setStringValue(" PAGE ");
        code.setSpace(org.apache.xmlbeans.impl.xb.xmlschema.SpaceAttribute.Space.PRESERVE);
        field(p, STFldCharType.SEPARATE);
        run(p, "1", fonts.pageNumber(), SIZE_PAGE_NUMBER, false);
        field(p, STFldCharType.END);
        run(p, " —", fonts.pageNumber(), SIZE_PAGE_NUMBER, false);
    }

    private void field(XWPFParagraph p, STFldCharType.Enum type) {
        XWPFRun run = p.createRun();
        font(run, fonts.pageNumber(), SIZE_PAGE_NUMBER);
        run.getCTR().addNewFldChar().setFldCharType(type);
    }
}
