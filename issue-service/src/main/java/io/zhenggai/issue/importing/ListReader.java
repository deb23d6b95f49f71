package io.zhenggai.issue.importing;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the body of one list (the main text, or an attachment) into an outline, and keeps the lines that are not part
 * of the tree (the introduction, 整改工作基本情况, 今后工作打算) as prose for the header. Where the body has top-level
 * sections (一、), their titles say which are the tree; where it has none, the tree begins at the first numbered
 * heading, problem paragraph, aspect line or table header, and a first-level heading must look like feedback (方面,
 * 问题, 关于) to count. A table of the problems is part of the tree in whichever section it stands.
 */
final class ListReader {

    /** The outline of the tree and the prose around it. */
    record Result(List<OutlineBuilder.Node> aspects, List<String> prose) {
    }

    private ListReader() {
    }

    static Result read(List<String> body) {
        List<String> prose = new ArrayList<>();
        boolean sectioned = body.stream().anyMatch(l -> Numbering.of(l).filter(n -> n.style() == NumberingStyle.CHINESE).isPresent());
        if (!sectioned) {
            OutlineBuilder builder = new OutlineBuilder(true);
            boolean treeStarted = false;
            for (int i = 0; i < body.size(); i++) {
                String line = body.get(i);
                treeStarted = treeStarted || OutlineBuilder.beginsTree(line, next(body, i));
                if (!treeStarted) {
                    prose.add(line);
                    builder.prose(line);
                } else if (!isAttachmentReference(line)) {
                    builder.accept(line, next(body, i));
                }
            }
            return new Result(builder.aspects(), prose);
        }
        OutlineBuilder builder = new OutlineBuilder(false);
        SectionKind current = null;
        for (int i = 0; i < body.size(); i++) {
            String line = body.get(i);
            Optional<Numbering> n = Numbering.of(line).filter(x -> x.style() == NumberingStyle.CHINESE);
            if (n.isPresent() && builder.inTable() && !SectionKind.isNotFeedback(n.get().rest())) {
                // 一、 spanning a table of the problems is an aspect of it, whatever its title
                builder.accept(line, next(body, i));
                continue;
            }
            if (n.isPresent()) {
                current = SectionKind.of(n.get().rest());
                switch (current) {
                    case ASPECT -> builder.accept(line, next(body, i));
                    case WRAPPER -> {
                        builder.restart(n.get().rest().replaceAll("[。：:]+$", ""));
                        prose.add(line);
                    }
                    case OTHER -> {
                        builder.restart();
                        prose.add(line);
                    }
                }
                continue;
            }
            if ((current == null || current == SectionKind.OTHER) && TableText.isRow(line)
                    && TableText.header(TableText.rowCells(line)).isPresent()) {
                // a table of the problems is the tree wherever it stands
                current = SectionKind.WRAPPER;
            }
            if (current == null || current == SectionKind.OTHER || isAttachmentReference(line)) {
                prose.add(line);
                builder.prose(line);
            } else {
                builder.accept(line, next(body, i));
            }
        }
        return new Result(builder.aspects(), prose);
    }

    private static String next(List<String> body, int i) {
        return i + 1 < body.size() ? body.get(i + 1) : null;
    }

    private static boolean isAttachmentReference(String line) {
        return line.matches("^附件\\s*\\d{0,2}\\s*[：:].*");
    }
}
