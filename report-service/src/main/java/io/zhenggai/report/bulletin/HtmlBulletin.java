package io.zhenggai.report.bulletin;

import io.zhenggai.report.bulletin.Bulletin.Block;

/**
 * A bulletin as one HTML page, for reading and printing in a browser: the fonts and sizes of official documents (GB/T
 * 9704: title 2号 小标宋, body 3号 仿宋, 一、 黑体, （一） 楷体) with the usual fallbacks, A4 pages with the standard
 * margins when printed, each attachment on a page of its own. Every text is escaped. Pure.
 */
public final class HtmlBulletin {

    private static final String STYLE = """
            @page { size: A4; margin: 37mm 26mm 35mm 28mm; }
            body { margin: 0; background: #f3f3f3; }
            article { max-width: 156mm; margin: 2em auto; padding: 37mm 26mm 35mm 28mm; background: #fff;
              font-family: "仿宋_GB2312", "仿宋", FangSong, STFangsong, serif; font-size: 16pt; line-height: 28.95pt; }
            @media print { body { background: none; } article { margin: 0; padding: 0; max-width: none; } }
            h1 { font-family: "方正小标宋简体", "小标宋", "宋体", SimSun, STSong, serif; font-size: 22pt; font-weight: normal;
              text-align: center; line-height: 1.5; margin: 0 0 28.95pt; }
            p, h2, h3, h4, h5 { margin: 0; text-indent: 2em; text-align: justify; font-size: 16pt; font-weight: normal; }
            h2 { font-family: "黑体", SimHei, "Heiti SC", sans-serif; }
            h3 { font-family: "楷体_GB2312", "楷体", KaiTi, STKaiti, serif; }
            p.group { font-weight: bold; }
            span.label { font-weight: bold; }
            p.references { text-indent: 0; padding-left: 2em; }
            p.signature, p.date { text-align: right; padding-right: 4em; }
            p.signature { margin-top: 28.95pt; }
            .page-break { page-break-before: always; break-before: page; border: 0; margin: 2em 0; }
            p.attachment-label { text-indent: 0; font-family: "黑体", SimHei, sans-serif; }
            p.finding { text-indent: -1em; padding-left: 1em; color: #8a1c1c; }
            """;

    private HtmlBulletin() {
    }

    public static String render(Bulletin bulletin) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>").append(escape(bulletin.title())).append("</title>\n<style>\n").append(STYLE)
                .append("</style>\n</head>\n<body>\n<article class=\"bulletin\">\n");
        for (Block block : bulletin.blocks()) {
            if (block instanceof Bulletin.Title || block instanceof Bulletin.AttachmentTitle) {
                html.append("<h1>").append(escape(block.text())).append("</h1>\n");
            } else if (block instanceof Bulletin.Heading heading) {
                int level = Math.min(heading.level() + 1, 5);
                html.append("<h").append(level).append('>').append(escape(heading.text())).append("</h")
                        .append(level).append(">\n");
            } else if (block instanceof Bulletin.GroupHeading group) {
                html.append("<p class=\"group\">").append(escape(group.text())).append("</p>\n");
            } else if (block instanceof Bulletin.Progress progress) {
                html.append("<p class=\"progress\"><span class=\"label\">").append(escape(progress.label()))
                        .append("：</span>");
                if (progress.statusWords() != null) {
                    html.append("<span class=\"status\">").append(escape(progress.statusWords())).append("。</span>");
                }
                if (progress.leadText() != null) {
                    html.append(escape(progress.leadText()));
                }
                html.append("</p>\n");
                for (String line : progress.moreLines()) {
                    html.append("<p>").append(escape(line)).append("</p>\n");
                }
            } else if (block instanceof Bulletin.AttachmentReferences references) {
                html.append("<p class=\"references\">")
                        .append(String.join("<br>", references.lines().stream().map(HtmlBulletin::escape).toList()))
                        .append("</p>\n");
            } else if (block instanceof Bulletin.Signature) {
                html.append("<p class=\"signature\">").append(escape(block.text())).append("</p>\n");
            } else if (block instanceof Bulletin.DateLine) {
                html.append("<p class=\"date\">").append(escape(block.text())).append("</p>\n");
            } else if (block instanceof Bulletin.PageBreak) {
                html.append("<hr class=\"page-break\">\n");
            } else if (block instanceof Bulletin.AttachmentLabel) {
                html.append("<p class=\"attachment-label\">").append(escape(block.text())).append("</p>\n");
            } else if (block instanceof Bulletin.FindingLine) {
                html.append("<p class=\"finding\">").append(escape(block.text())).append("</p>\n");
            } else {
                html.append("<p>").append(escape(block.text())).append("</p>\n");
            }
        }
        return html.append("</article>\n</body>\n</html>\n").toString();
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
