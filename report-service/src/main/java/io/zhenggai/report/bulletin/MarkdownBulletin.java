package io.zhenggai.report.bulletin;

import java.util.ArrayList;
import java.util.List;

import io.zhenggai.report.bulletin.Bulletin.Block;

/**
 * A bulletin as Markdown: its plain text, a paragraph per printed line with blank lines between, the title as a
 * heading underlined with {@code =}. Nothing else is marked up, so that the text reads as the bulletin it is: the
 * numbering (一、 （一） 1. （1）) carries the structure, and the importer of issue-service reads the text back as a
 * bulletin. Pure.
 */
public final class MarkdownBulletin {

    private MarkdownBulletin() {
    }

    public static String render(Bulletin bulletin) {
        List<String> paragraphs = new ArrayList<>();
        for (Block block : bulletin.blocks()) {
            if (block instanceof Bulletin.Title title) {
                paragraphs.add(title.text() + "\n" + "=".repeat(20));
            } else if (block instanceof Bulletin.Progress progress) {
                paragraphs.add(progress.firstLine());
                paragraphs.addAll(progress.moreLines());
            } else if (block instanceof Bulletin.AttachmentReferences references) {
                paragraphs.addAll(references.lines());
            } else if (!(block instanceof Bulletin.PageBreak)) {
                // a page break has no place in text
                paragraphs.add(block.text());
            }
        }
        return String.join("\n\n", paragraphs) + "\n";
    }
}
