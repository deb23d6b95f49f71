package io.zhenggai.issue.importing;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Builds the outline of one feedback tree from its lines, learning which numbering style sits at which level from the
 * order the styles appear: a style already on the stack closes the deeper levels and opens a sibling; a new style opens
 * a child, unless the current node has already started its progress text (then the line is a measure, not a heading)
 * or the tree is already three levels deep (aspect, category, issue). An unnumbered short line without sentence
 * punctuation that introduces numbered headings is a sub-heading (group) of the current aspect.
 */
final class OutlineBuilder {

    static final int MAX_DEPTH = 3;
    private static final Pattern SENTENCE_PUNCTUATION = Pattern.compile("[。；;！!？?：:，,、.]");
    private static final Pattern MEASURE_START = Pattern.compile("^(?:[一二三四五六七八九十]{1,2}是|首先|其次|同时|此外|另外)");

    /** A heading and what follows it until the next heading. */
    static final class Node {
        final Numbering numbering;
        final int depth;
        final String group;
        final List<Node> children = new ArrayList<>();
        final List<String> lines = new ArrayList<>();
        boolean bodyStarted;

        Node(Numbering numbering, int depth, String group) {
            this.numbering = numbering;
            this.depth = depth;
            this.group = group;
        }
    }

    private final List<Node> aspects = new ArrayList<>();
    private final Deque<Node> stack = new ArrayDeque<>();
    private String group;
    private final boolean guarded;
    /** The style of a first-level heading that was not feedback; its paragraphs are skipped up to the next such heading. */
    private NumberingStyle skipping;

    /**
     * @param guarded whether a first-level heading must look like a feedback heading (方面, 问题, 关于) to be taken as an
     *                aspect: used where no section title told us that the tree begins here
     */
    OutlineBuilder(boolean guarded) {
        this.guarded = guarded;
    }

    /** Forget the open headings, as when a new wrapper section starts. */
    void restart() {
        stack.clear();
        group = null;
    }

    /**
     * @param line the line
     * @param next the line after it, or {@code null}: a sub-heading must introduce a numbered heading, so that a short
     *             unpunctuated measure line (建立工作台账) is not taken for one
     */
    void accept(String line, String next) {
        Optional<Numbering> numbering = Numbering.of(line);
        if (numbering.isPresent() && acceptHeading(numbering.get(), line)) {
            return;
        }
        Node top = stack.peek();
        if (top == null || skipping != null) {
            // Prose before the first heading of the tree, or inside a paragraph that is not feedback.
            return;
        }
        Optional<Label> label = Label.at(line);
        if (label.isEmpty() && numbering.isEmpty() && isGroupHeading(line) && introducesCategories(top, next)) {
            while (stack.size() > 1) {
                stack.pop();
            }
            group = line;
            return;
        }
        if (label.isPresent() && label.get().kind() == Label.Kind.PROGRESS || label.isEmpty()) {
            top.bodyStarted = true;
        }
        top.lines.add(line);
    }

    List<Node> aspects() {
        return aspects;
    }

    private boolean acceptHeading(Numbering n, String line) {
        if (skipping != null && n.style() != skipping) {
            return true;
        }
        skipping = null;
        int level = levelOf(n.style());
        Node top = stack.peek();
        if (level < 0) {
            if (top != null && (top.bodyStarted || top.depth >= MAX_DEPTH)) {
                // A new style inside a progress text enumerates measures.
                return false;
            }
            level = stack.size();
        }
        if (level == 0) {
            if (guarded && !looksLikeFeedback(n.rest())) {
                stack.clear();
                skipping = n.style();
                return true;
            }
            stack.clear();
            group = null;
            Node aspect = new Node(n, 1, null);
            aspects.add(aspect);
            stack.push(aspect);
            return true;
        }
        if (stack.isEmpty()) {
            return false;
        }
        while (stack.size() > level) {
            stack.pop();
        }
        Node parent = stack.peek();
        Node node = new Node(n, level + 1, level == 1 ? group : null);
        parent.children.add(node);
        stack.push(node);
        return true;
    }

    /** The level (0 = aspect) where {@code style} is open on the stack, or -1. */
    private int levelOf(NumberingStyle style) {
        int level = stack.size() - 1;
        for (Iterator<Node> it = stack.iterator(); it.hasNext(); level--) {
            if (it.next().numbering.style() == style) {
                return level;
            }
        }
        // The first heading of a tree sets the aspect style; a later heading in that style is an aspect too.
        if (!aspects.isEmpty() && aspects.get(0).numbering.style() == style) {
            return 0;
        }
        return -1;
    }

    /**
     * Whether a sub-heading candidate stands where a group begins: right under the aspect heading, or before a
     * numbered heading that starts again at 1 (the seed's 加快构筑黄河安澜屏障 / 1.…). A short line before 2. in the
     * middle of an issue's text is a measure.
     */
    private static boolean introducesCategories(Node top, String next) {
        Optional<Numbering> n = next == null ? Optional.empty() : Numbering.of(next);
        return n.isPresent() && (top.depth == 1 || n.get().ordinal() == 1);
    }

    private boolean isGroupHeading(String line) {
        return line.length() <= 30
                && !SENTENCE_PUNCTUATION.matcher(line).find()
                && !MEASURE_START.matcher(line).find()
                && StatusVocabulary.statusOf(line).isEmpty()
                && "（(【[“\"".indexOf(line.charAt(0)) < 0
                && !line.startsWith("附件");
    }

    static boolean looksLikeFeedback(String heading) {
        String title = heading.split("[。]", 2)[0];
        return title.contains("方面") || title.contains("问题") || title.startsWith("关于");
    }
}
