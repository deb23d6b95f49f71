package io.zhenggai.report.bulletin;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A progress bulletin (整改进展情况通报) as printed, whatever the format: its blocks in reading order, and the
 * findings its appendix for the office (数据核对情况) lists. Built by {@link BulletinAssembler} from the projections;
 * written by {@link MarkdownBulletin}, {@link HtmlBulletin} and {@link WordBulletin}.
 *
 * @param inspectionId the inspection (巡察) it reports on
 * @param targetUnit   the unit inspected (被巡察单位), which names the file
 * @param title        the document title (标题)
 * @param date         the date it speaks for, printed under the signature (成文日期)
 * @param blocks       what is printed, in order
 * @param findings     what the office must look at before it publishes: consistency findings on the printed texts
 *                     and figures; empty when there is nothing to say (then there is no appendix)
 */
public record Bulletin(UUID inspectionId, String targetUnit, String title, LocalDate date, List<Block> blocks, List<Finding> findings) {

    public Bulletin {
        blocks = List.copyOf(blocks);
        findings = List.copyOf(findings);
    }

    /** One printed block. Renderers map each kind to the layout of official documents (GB/T 9704). */
    public sealed interface Block {
        /** The plain text of the block as a line of the bulletin's text. */
        String text();
    }

    /** The document title (标题): 2号 小标宋, centred. */
    public record Title(String text) implements Block {
    }

    /** A paragraph of body text (正文): 3号 仿宋, first line indented by two characters. */
    public record Paragraph(String text) implements Block {
    }

    /**
     * A numbered heading of the feedback tree or of the document: its level follows its numbering's style, as GB/T
     * 9704 assigns the fonts (一、 黑体, （一） 楷体, 1. and （1） 仿宋).
     *
     * @param level     1 for 一、, 2 for （一）, 3 for 1., 4 for （1） and ①
     * @param numbering as printed, e.g. （一）
     * @param title     the heading's words after the number
     */
    public record Heading(int level, String numbering, String title) implements Block {
        @Override
        public String text() {
            return numbering + title;
        }
    }

    /** An unnumbered sub-heading inside an aspect (加快构筑黄河安澜屏障). */
    public record GroupHeading(String text) implements Block {
    }

    /**
     * An issue's progress paragraph: its label (整改成效), status words (已完成, 长期坚持) if any, and its lines (the
     * report's text, a line per paragraph of it).
     */
    public record Progress(String label, String statusWords, List<String> lines) implements Block {
        private static final java.util.regex.Pattern ENUMERATION = java.util.regex.Pattern.compile(
                "^(?:\\d{1,3}[.．、](?!\\d)|[（(](?:\\d{1,3}|[一二三四五六七八九十]{1,3})[）)]|[\u2460-\u2473])");

        public Progress {
            lines = List.copyOf(lines);
        }

        /** The first printed line: label, status words, and the text's first line unless it is enumerated. */
        public String firstLine() {
            StringBuilder line = new StringBuilder(label).append('：');
            if (statusWords != null) {
                line.append(statusWords).append('。');
            }
            if (leadText() != null) {
                line.append(leadText());
            }
            return line.toString();
        }

        /** The text printed on the label's line: its first line, unless the text is an enumeration. */
        public String leadText() {
            return lines.isEmpty() || enumerated() ? null : lines.get(0);
        }

        /** The lines after the first printed line. */
        public List<String> moreLines() {
            if (enumerated()) {
                return lines;
            }
            return lines.size() <= 1 ? List.of() : lines.subList(1, lines.size());
        }

        /**
         * Whether the text enumerates its measures on lines of their own (1.… 2.…, （1）…): then every item stays at
         * the start of its line, the first too, or the importer would take 2. for the next problem.
         */
        private boolean enumerated() {
            return lines.size() > 1 && ENUMERATION.matcher(lines.get(0)).find();
        }

        @Override
        public String text() {
            return String.join("\n", java.util.stream.Stream.concat(java.util.stream.Stream.of(firstLine()),
                    moreLines().stream()).toList());
        }
    }

    /** The list of attachments before the signature (附件：…), one line per attachment. */
    public record AttachmentReferences(List<String> lines) implements Block {
        public AttachmentReferences {
            lines = List.copyOf(lines);
        }

        @Override
        public String text() {
            return String.join("\n", lines);
        }
    }

    /** The issuing body's signature (发文机关署名), right-aligned. */
    public record Signature(String text) implements Block {
    }

    /** The date under the signature (成文日期): 2023年5月10日. */
    public record DateLine(String text) implements Block {
    }

    /** A new page: before each attachment. */
    public record PageBreak() implements Block {
        @Override
        public String text() {
            return "";
        }
    }

    /** An attachment's label at the top left of its first page (附件1): 3号 黑体. */
    public record AttachmentLabel(String text) implements Block {
    }

    /** An attachment's title: like the document's. */
    public record AttachmentTitle(String text) implements Block {
    }

    /** A line of the office's appendix: a finding, where it was made and what it says. */
    public record FindingLine(String text) implements Block {
    }

    /**
     * What the office must check before publishing.
     *
     * @param where   the issue (list and numbering) or the part of the bulletin concerned
     * @param kind    RATE_MISMATCH, COUNT_MISMATCH, UNIT_SUSPECT, CONFLICTING_FIGURES (issue-service's checks on a
     *                report's text), UNCHECKED (a report whose event carried no findings), INDICATOR (a key figure
     *                that cannot be computed), DECLARED_COUNT (the declared totals against the tree)
     * @param message in Chinese
     */
    public record Finding(String where, String kind, String message) {
    }
}
