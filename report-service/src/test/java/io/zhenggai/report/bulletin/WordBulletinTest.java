package io.zhenggai.report.bulletin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.util.List;

import org.apache.poi.xwpf.usermodel.LineSpacingRule;
import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFFooter;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageMar;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageSz;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTSectPr;

/**
 * The Word bulletin opened again with Apache POI: the text is the bulletin's, paragraph by paragraph, and the layout is
 * GB/T 9704's: A4, margins 37/35/28/26 mm, 2号 小标宋 title, 3号 仿宋 body at a fixed 28.95 pt, 黑体 and 楷体
 * headings, attachments on new pages, page numbers — PAGE — in 4号 宋体 in the footers of odd and even pages.
 */
class WordBulletinTest {

    private static Bulletin bulletin;
    private static XWPFDocument document;

    @BeforeAll
    static void writeAndReopen() throws IOException {
        bulletin = BulletinAssembler.assemble(Fixtures.input());
        document = new XWPFDocument(new ByteArrayInputStream(WordBulletin.render(bulletin)));
    }

    /** 1 mm in twips (1/1440 inch), rounded as the document stores it. */
    private static BigInteger mm(int millimetres) {
        return BigInteger.valueOf(Math.round(millimetres * 1440 / 25.4));
    }

    @Test
    void shouldBeA4WithTheStandardMargins() {
        CTSectPr section = document.getDocument().getBody().getSectPr();
        CTPageSz size = section.getPgSz();
        assertThat(new BigInteger(size.getW().toString())).isEqualTo(BigInteger.valueOf(11906)); // 210 mm
        assertThat(new BigInteger(size.getH().toString())).isEqualTo(BigInteger.valueOf(16838)); // 297 mm
        CTPageMar margins = section.getPgMar();
        assertThat(new BigInteger(margins.getTop().toString())).isEqualTo(mm(37));
        assertThat(new BigInteger(margins.getBottom().toString())).isEqualTo(mm(35));
        assertThat(new BigInteger(margins.getLeft().toString())).isEqualTo(mm(28));
        assertThat(new BigInteger(margins.getRight().toString())).isEqualTo(mm(26));
    }

    @Test
    void shouldHoldTheBulletinsTextParagraphByParagraph() {
        List<String> expected = bulletin.blocks().stream().filter(b -> !(b instanceof Bulletin.PageBreak))
                .flatMap(b -> b instanceof Bulletin.Progress p ? java.util.stream.Stream.concat(
                        java.util.stream.Stream.of(p.firstLine()), p.moreLines().stream())
                        : b instanceof Bulletin.AttachmentReferences r ? r.lines().stream()
                        : java.util.stream.Stream.of(b.text()))
                .toList();
        assertThat(document.getParagraphs()).extracting(XWPFParagraph::getText).containsExactlyElementsOf(expected);
    }

    @Test
    void shouldSetTheTitleIn2号小标宋Centred() {
        XWPFParagraph title = document.getParagraphs().get(0);
        assertThat(title.getText()).isEqualTo(bulletin.title());
        assertThat(title.getAlignment()).isEqualTo(ParagraphAlignment.CENTER);
        assertThat(font(title)).isEqualTo("方正小标宋简体");
        assertThat(size(title)).isEqualTo(22.0);
    }

    @Test
    void shouldSetTheBodyIn3号仿宋AtAFixedLinePitchIndentedByTwoCharacters() {
        XWPFParagraph introduction = document.getParagraphs().get(1);
        assertThat(font(introduction)).isEqualTo("仿宋_GB2312");
        assertThat(size(introduction)).isEqualTo(16.0);
        assertThat(introduction.getSpacingLineRule()).isEqualTo(LineSpacingRule.EXACT);
        assertThat(introduction.getSpacingBetween()).isEqualTo(28.95);
        assertThat(introduction.getIndentationFirstLine()).isEqualTo(640); // two characters of 16 pt
        assertThat(introduction.getAlignment()).isEqualTo(ParagraphAlignment.BOTH);
    }

    @Test
    void shouldSetTheHeadingsIn黑体And楷体AndTheDeeperOnesIn仿宋() {
        assertThat(font(paragraph("一、整改工作基本情况"))).isEqualTo("黑体");
        assertThat(font(paragraph("（一）关于聚焦党中央各项决策部署在基层的落实情况方面"))).isEqualTo("楷体_GB2312");
        assertThat(font(paragraph("1.学习贯彻落实不够深入,在学懂弄通做实上有差距。"))).isEqualTo("仿宋_GB2312");
        assertThat(size(paragraph("一、整改工作基本情况"))).isEqualTo(16.0);
    }

    @Test
    void shouldPutEachAttachmentOnANewPageUnderItsLabelIn黑体() {
        XWPFParagraph label = paragraph("附件1");
        assertThat(label.isPageBreak()).isTrue();
        assertThat(font(label)).isEqualTo("黑体");
        assertThat(label.getIndentationFirstLine()).isLessThanOrEqualTo(0);
        XWPFParagraph date = paragraph("2023年5月10日");
        assertThat(date.getAlignment()).isEqualTo(ParagraphAlignment.RIGHT);
        assertThat(date.getIndentationRight()).isEqualTo(4 * 320);
    }

    @Test
    void shouldNumberThePagesInTheFootersAsAPageFieldBetweenDashes() {
        assertThat(document.getEvenAndOddHeadings()).isTrue();
        assertThat(document.getFooterList()).hasSize(2);
        for (XWPFFooter footer : document.getFooterList()) {
            XWPFParagraph number = footer.getParagraphs().get(0);
            assertThat(number.getText()).isEqualTo("— 1 —");
            String xml = number.getCTP().xmlText();
            assertThat(xml).contains("fldCharType=\"begin\"", "PAGE", "fldCharType=\"end\"");
            for (XWPFRun run : number.getRuns()) {
                assertThat(run.getFontSizeAsDouble()).isEqualTo(14.0);
                assertThat(run.getFontFamily(XWPFRun.FontCharRange.eastAsia)).isEqualTo("宋体");
            }
        }
        assertThat(document.getHeaderFooterPolicy().getDefaultFooter().getParagraphs().get(0).getAlignment())
                .isEqualTo(ParagraphAlignment.RIGHT);
        assertThat(document.getHeaderFooterPolicy().getEvenPageFooter().getParagraphs().get(0).getAlignment())
                .isEqualTo(ParagraphAlignment.LEFT);
    }

    @Test
    void shouldCarryTheTitleInTheDocumentsProperties() {
        assertThat(document.getProperties().getCoreProperties().getTitle()).isEqualTo(bulletin.title());
    }

    private static XWPFParagraph paragraph(String text) {
        return document.getParagraphs().stream().filter(p -> p.getText().equals(text)).findFirst()
                .orElseThrow(() -> new AssertionError("no paragraph " + text));
    }

    private static String font(XWPFParagraph paragraph) {
        return paragraph.getRuns().get(0).getFontFamily(XWPFRun.FontCharRange.eastAsia);
    }

    private static Double size(XWPFParagraph paragraph) {
        return paragraph.getRuns().get(0).getFontSizeAsDouble();
    }
}
