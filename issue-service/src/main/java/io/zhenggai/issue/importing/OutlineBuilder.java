package io.zhenggai.issue.importing;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Builds the outline of one feedback tree from its lines, learning which numbering style sits at which level from the
 * order the styles appear: a style already on the stack closes the deeper levels and opens a sibling; a new style opens
 * a child, unless the current node has already started its progress text (then the line is a measure, not a heading)
 * or the tree is already three levels deep (aspect, category, issue). An unnumbered short line without sentence
 * punctuation that introduces numbered headings is a sub-heading (group) of the current aspect.
 *
 * <p>Besides numbered headings it reads the shapes that carry no numbers ({@link UnnumberedHeading}): problem
 * paragraphs (针对“…”的问题。整改进展：…) under an aspect, a numbered category or another such paragraph, and aspects
 * printed as a line of their own (关于…方面) when the tree's aspects carry no numbers; a paragraph without an aspect
 * above it gets one, titled by the section it stands in. Rows of a pasted table ({@link TableText}) become problems
 * under the current aspect, or under the aspect their 类别 column names. A number that restarts inside a progress text
 * in a style of the tree (1. under the problem 1., or 1. under （1）) enumerates measures: a number continues the tree
 * only where it continues its level's sequence and, when it could also be the next measure, looks like a problem.
 */
final class OutlineBuilder {

    static final int MAX_DEPTH = 3;
    private static final Pattern SENTENCE_PUNCTUATION = Pattern.compile("[。；;！!？?：:，,、.]");
    private static final Pattern MEASURE_START = Pattern.compile("^(?:[一二三四五六七八九十]{1,2}是|首先|其次|同时|此外|另外)");
    /** The end of a bulletin's account of its problems: the call for supervision and the contacts that close it. */
    private static final Pattern CLOSING = Pattern.compile("^欢迎[^。]{0,40}监督|^如对[^。]{0,60}(?:意见|建议)"
            + "|^(?:联系电话|联系方式|电子邮箱|通信地址|通讯地址|邮政编码|邮寄地址)[：:]|联系电话[：:]|电子邮箱[：:]");
    private static final Pattern TABLE_SENTENCE = Pattern.compile("[。；;！!？?]");
    /** A section after the problems, printed without a number: 下一步工作打算, 今后整改工作安排. */
    private static final Pattern SECTION_BREAK = Pattern.compile(
            "^(?:下一步|今后)[^。；;，,]{0,12}(?:打算|安排|计划|思路|举措)$");
    /** The title of an aspect the text does not print: the problems were listed without one. */
    static final String DEFAULT_ASPECT = "反馈问题";

    /** A heading and what follows it until the next heading. */
    static final class Node {
        final Numbering numbering;
        final int depth;
        final String group;
        final List<Node> children = new ArrayList<>();
        final List<String> lines = new ArrayList<>();
        boolean bodyStarted;
        /** The heading as read, where it is not {@code numbering.rest()} read by {@link Heading#of}: a paragraph's. */
        Heading heading;
        /** A table row: its cells by column, or {@code null}. */
        Map<TableText.Column, String> row;
        /** The printed names of the row's columns. */
        Map<TableText.Column, String> columnNames;
        /** The style of measures numbered like the tree inside this node's text, and the next number expected. */
        NumberingStyle measureStyle;
        int nextMeasure;
        /** An aspect that a table opened: left out when no row follows it. */
        boolean fromTable;
        /** How many of the children carry no number: the next one's ordinal. */
        int unnumberedChildren;

        Node(Numbering numbering, int depth, String group) {
            this.numbering = numbering;
            this.depth = depth;
            this.group = group;
        }

        Heading heading() {
            return heading != null ? heading : Heading.of(numbering.rest());
        }
    }

    private final List<Node> aspects = new ArrayList<>();
    private final Deque<Node> stack = new ArrayDeque<>();
    private String group;
    private final boolean guarded;
    /** The style of a first-level heading that was not feedback; its paragraphs are skipped up to the next such heading. */
    private NumberingStyle skipping;
    /** After a line that ends the problems (下一步工作打算, 欢迎…监督): nothing is read until a new aspect. */
    private boolean closed;
    /** The title of the section the tree stands in (二、巡视反馈问题整改落实情况), for an aspect the text leaves out. */
    private String sectionTitle;
    /** The section title where the tree's first aspect stood. */
    private String treeTitle;
    /** The last short line before the tree: a table's caption. */
    private String caption;
    /** The open table's columns by position, or {@code null}. */
    private List<TableText.Column> table;
    private List<String> tableNames;
    private Node lastRow;

    /**
     * @param guarded whether a first-level heading must look like a feedback heading (方面, 问题, 关于) to be taken as an
     *                aspect: used where no section title told us that the tree begins here
     */
    OutlineBuilder(boolean guarded) {
        this.guarded = guarded;
    }

    /** Forget the open headings, as when a new section starts. */
    void restart() {
        restart(null);
    }

    /** Forget the open headings: a new section starts, titled {@code title} when it holds the tree. */
    void restart(String title) {
        stack.clear();
        group = null;
        closed = false;
        table = null;
        lastRow = null;
        sectionTitle = title;
        caption = null;
    }

    /** A line of prose outside the tree: the last short one may title a table that follows (附：…整改落实情况表). */
    void prose(String line) {
        caption = line.length() <= 40 && !TABLE_SENTENCE.matcher(line).find() && line.indexOf('，') < 0
                ? line.replaceFirst("^附件?\\d{0,2}[：:]", "") : null;
    }

    /**
     * Whether {@code line} begins a tree where no section title said so: a numbered heading, a problem paragraph, an
     * aspect line before a problem, or a table's header.
     */
    static boolean beginsTree(String line, String next) {
        if (Numbering.of(line).isPresent()) {
            return true;
        }
        if (TableText.isRow(line)) {
            return TableText.header(TableText.rowCells(line)).isPresent();
        }
        return UnnumberedHeading.problem(line).isPresent()
                || UnnumberedHeading.aspect(line) && introducesProblems(next);
    }

    /**
     * @param line the line
     * @param next the line after it, or {@code null}: a sub-heading must introduce a numbered heading, so that a short
     *             unpunctuated measure line (建立工作台账) is not taken for one
     */
    void accept(String line, String next) {
        if (TableText.isRow(line)) {
            acceptRow(line);
            return;
        }
        if (table != null) {
            if (isTableAspect(line)) {
                openTableAspect(line);
                return;
            }
            table = null;
        }
        Optional<Numbering> numbering = Numbering.of(line);
        if (numbering.isPresent() && acceptHeading(numbering.get(), line, next)) {
            return;
        }
        if (numbering.isEmpty() && acceptUnnumbered(line, next)) {
            return;
        }
        Node top = stack.peek();
        if (top == null || skipping != null || closed) {
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

    /**
     * Whether {@code n} is a measure of the open problem rather than a heading. Where it could be either (the next
     * number of its level and the next measure alike), it is a heading when it reads as one (问题, 方面, 关于…) or when
     * the line after it opens a problem below it.
     */
    private boolean isMeasure(Numbering n, String next) {
        Node top = stack.peek();
        if (top == null || top.depth < 2 || top.row != null || skipping != null) {
            return false;
        }
        int level = levelOf(n.style());
        if (level < 0) {
            // a new style is a measure anyway (see acceptHeading)
            return false;
        }
        Node open = nodeAt(level);
        boolean nextHeading = n.ordinal() == open.numbering.ordinal() + 1;
        if (top.measureStyle == n.style()) {
            return n.ordinal() == top.nextMeasure && !(nextHeading && (looksLikeFeedback(n.rest()) || opensProblem(n, next)));
        }
        // A number that does not move its level on (1. again under the problem 1.) restarts an enumeration; in the
        // aspects' style only where it does not read as an aspect, for a bulletin may print an aspect's number twice.
        return top.bodyStarted && n.ordinal() <= open.numbering.ordinal()
                && (level > 0 || !looksLikeFeedback(n.rest()));
    }

    /** Whether a table is open: its rows and the aspects spanning it are the tree. */
    boolean inTable() {
        return table != null;
    }

    /**
     * The aspects; those that a table's spanning rows opened and no row followed are left out. A flat list of problems
     * (1.关于…的问题。整改情况：… with nothing above them) is one aspect, titled by its section.
     */
    List<Node> aspects() {
        aspects.removeIf(a -> a.fromTable && a.children.isEmpty());
        if (!aspects.isEmpty() && aspects.stream().allMatch(a -> a.children.isEmpty())
                && aspects.stream().anyMatch(a -> !a.lines.isEmpty())) {
            Node list = new Node(new Numbering(NumberingStyle.UNNUMBERED, 1, treeTitle != null ? treeTitle : DEFAULT_ASPECT),
                    1, null);
            list.children.addAll(aspects);
            aspects.clear();
            aspects.add(list);
        }
        return aspects;
    }

    private boolean acceptHeading(Numbering n, String line, String next) {
        if (skipping != null && n.style() != skipping) {
            return true;
        }
        if (isMeasure(n, next)) {
            Node top = stack.peek();
            top.measureStyle = n.style();
            top.nextMeasure = n.ordinal() + 1;
            top.lines.add(line);
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
            openAspect(n);
            return true;
        }
        if (stack.isEmpty()) {
            return false;
        }
        closed = false;
        while (stack.size() > level) {
            stack.pop();
        }
        Node parent = stack.peek();
        Node node = new Node(n, level + 1, level == 1 ? group : null);
        parent.children.add(node);
        stack.push(node);
        return true;
    }

    /** Unnumbered aspects and problem paragraphs, and the lines that end the problems. */
    private boolean acceptUnnumbered(String line, String next) {
        if (skipping != null || Label.at(line).isPresent()) {
            return false;
        }
        if (CLOSING.matcher(line).find() || isSectionBreak(line, next)) {
            stack.clear();
            group = null;
            closed = true;
            return true;
        }
        boolean unnumberedAspects = aspects.isEmpty() || aspects.get(0).numbering.style() == NumberingStyle.UNNUMBERED;
        if (unnumberedAspects && UnnumberedHeading.aspect(line) && introducesProblems(next)) {
            openAspect(new Numbering(NumberingStyle.UNNUMBERED, aspects.size() + 1, UnnumberedHeading.aspectTitle(line)));
            return true;
        }
        Optional<UnnumberedHeading.Opener> opener = UnnumberedHeading.problem(line);
        if (opener.isEmpty()) {
            return false;
        }
        Node parent = paragraphParent();
        if (parent == null) {
            return false;
        }
        int ordinal = ++parent.unnumberedChildren;
        Node node = new Node(new Numbering(NumberingStyle.UNNUMBERED, ordinal, opener.get().title()), parent.depth + 1,
                parent.depth == 1 ? group : null);
        node.heading = paragraphHeading(opener.get(), next);
        if (node.heading.inlineBody() != null) {
            node.bodyStarted = true;
        }
        parent.children.add(node);
        stack.push(node);
        return true;
    }

    /**
     * Where a problem paragraph goes: beside the paragraph before it, under the open aspect, or under a numbered
     * category that has nothing yet; {@code null} inside another problem's text. Without an open aspect the paragraph
     * gets one.
     */
    private Node paragraphParent() {
        Node top = stack.peek();
        if (top == null) {
            if (closed) {
                return null;
            }
            openAspect(new Numbering(NumberingStyle.UNNUMBERED, aspects.size() + 1,
                    sectionTitle != null ? sectionTitle : DEFAULT_ASPECT));
            return stack.peek();
        }
        if (top.depth > 1 && top.heading != null && top.row == null) {
            stack.pop();
            return stack.peek();
        }
        if (top.depth == 1) {
            return top;
        }
        if (top.depth == 2 && top.children.isEmpty() && !top.bodyStarted && top.row == null) {
            return top;
        }
        return null;
    }

    /**
     * A paragraph's heading: its problem, what it says before a progress label, and the text from there on. Text
     * without a label is the problem's progress, unless the next line opens the progress with its label: then it is
     * what the feedback said of the problem, as after a numbered heading.
     */
    private static Heading paragraphHeading(UnnumberedHeading.Opener opener, String next) {
        String rest = opener.rest();
        if (rest.isEmpty()) {
            return new Heading(opener.title(), "", null, null, null);
        }
        if (Label.at(rest).isPresent()) {
            return new Heading(opener.title(), "", null, null, rest);
        }
        int label = Label.inlineProgressStart(rest);
        if (label > 0) {
            return new Heading(opener.title(), rest.substring(0, label).strip(), null, null, rest.substring(label));
        }
        if (next != null && Label.at(next).filter(l -> l.kind() == Label.Kind.PROGRESS).isPresent()) {
            return new Heading(opener.title(), rest, null, null, null);
        }
        return new Heading(opener.title(), "", null, null, rest);
    }

    private void openAspect(Numbering n) {
        if (aspects.isEmpty()) {
            treeTitle = sectionTitle;
        }
        stack.clear();
        group = null;
        closed = false;
        Node aspect = new Node(n, 1, null);
        aspects.add(aspect);
        stack.push(aspect);
    }

    /** A table row: the header opens the table; each row is a problem under the current aspect. */
    private void acceptRow(String line) {
        List<String> cells = TableText.rowCells(line);
        Optional<List<TableText.Column>> header = TableText.header(cells);
        if (header.isPresent()) {
            // a header repeated after a page break opens nothing new
            table = header.get();
            tableNames = cells;
            lastRow = null;
            return;
        }
        if (table == null || skipping != null) {
            Node top = stack.peek();
            if (top != null && !closed && skipping == null) {
                top.bodyStarted = true;
                top.lines.add(line.replace('\t', ' '));
            }
            return;
        }
        Map<TableText.Column, String> row = new EnumMap<>(TableText.Column.class);
        Map<TableText.Column, String> names = new EnumMap<>(TableText.Column.class);
        for (int i = 0; i < cells.size() && i < table.size(); i++) {
            TableText.Column column = table.get(i);
            if (column != null && !cells.get(i).isEmpty()) {
                row.merge(column, cells.get(i), (a, b) -> a + "、" + b);
                names.putIfAbsent(column, tableNames.get(i));
            }
        }
        String number = row.getOrDefault(TableText.Column.NUMBER, "");
        if (number.isEmpty() && !row.containsKey(TableText.Column.PROBLEM)) {
            if (lastRow != null) {
                // a cell that runs over several lines, pasted as rows of its own
                row.forEach((column, text) -> lastRow.row.merge(column, text, (a, b) -> a + "\n" + b));
            }
            return;
        }
        if (!row.containsKey(TableText.Column.PROBLEM)) {
            return;
        }
        Node aspect = rowAspect(row.get(TableText.Column.ASPECT));
        int ordinal = number.matches("\\d{1,3}") ? Integer.parseInt(number) : 0;
        Numbering n = ordinal > 0 ? new Numbering(NumberingStyle.ARABIC, ordinal, row.get(TableText.Column.PROBLEM))
                : new Numbering(NumberingStyle.UNNUMBERED, ++aspect.unnumberedChildren, row.get(TableText.Column.PROBLEM));
        Node node = new Node(n, 2, group);
        node.row = row;
        node.columnNames = names;
        aspect.children.add(node);
        while (stack.size() > 1) {
            stack.pop();
        }
        stack.push(node);
        lastRow = node;
    }

    /**
     * A line between a table's rows that spans it as an aspect (一、关于…方面, 党的政治建设方面): short, not a sentence,
     * and not the section after the table (三、下一步工作打算).
     */
    private static boolean isTableAspect(String line) {
        String title = Numbering.of(line).map(Numbering::rest).orElse(line);
        return line.length() <= 60 && !TABLE_SENTENCE.matcher(line).find() && !SectionKind.isNotFeedback(title)
                && !CLOSING.matcher(line).find();
    }

    private void openTableAspect(String line) {
        Node open = stack.peekLast();
        if (open != null && open.fromTable && open.children.isEmpty() && aspects.get(aspects.size() - 1) == open) {
            aspects.remove(aspects.size() - 1);
        }
        Optional<Numbering> n = Numbering.of(line);
        openAspect(n.orElse(new Numbering(NumberingStyle.UNNUMBERED, aspects.size() + 1, UnnumberedHeading.aspectTitle(line))));
        stack.peek().fromTable = true;
    }

    /** The aspect a row goes under: the one its 类别 cell names, the open one, or one titled by the table's caption. */
    private Node rowAspect(String named) {
        Node open = stack.peekLast();
        if (named != null) {
            String title = Numbering.of(named).map(Numbering::rest).orElse(named);
            if (open == null || !Heading.of(open.numbering.rest()).fullTitle().equals(Heading.of(title).fullTitle())) {
                openAspect(Numbering.of(named).orElse(new Numbering(NumberingStyle.UNNUMBERED, aspects.size() + 1, named)));
            }
            return stack.peekLast();
        }
        if (open == null || closed) {
            String title = caption != null ? caption : sectionTitle != null ? sectionTitle : DEFAULT_ASPECT;
            openAspect(new Numbering(NumberingStyle.UNNUMBERED, aspects.size() + 1, title));
        }
        return stack.peekLast();
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

    /** The open node at {@code level} (0 = aspect), or the last aspect for a level the stack does not reach. */
    private Node nodeAt(int level) {
        int fromTop = stack.size() - 1 - level;
        if (fromTop < 0) {
            return aspects.get(aspects.size() - 1);
        }
        Iterator<Node> it = stack.iterator();
        for (int i = 0; i < fromTop; i++) {
            it.next();
        }
        return it.next();
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

    /** Whether {@code next} opens problems below {@code heading}: the first of a sequence, in a style of a lower level. */
    private boolean opensProblem(Numbering heading, String next) {
        Optional<Numbering> below = next == null ? Optional.empty() : Numbering.of(next);
        if (below.isEmpty() || below.get().ordinal() != 1 || below.get().style() == heading.style()
                || !looksLikeFeedback(below.get().rest())) {
            return false;
        }
        int level = levelOf(below.get().style());
        return level < 0 || level > levelOf(heading.style());
    }

    /** Whether the line after an aspect line opens a problem: a number, a problem paragraph or a table. */
    private static boolean introducesProblems(String next) {
        return next != null && (Numbering.of(next).isPresent() || UnnumberedHeading.problem(next).isPresent()
                || TableText.isRow(next));
    }

    /** A short unnumbered title of the plans after the problems (下一步工作打算) that no problem follows. */
    private static boolean isSectionBreak(String line, String next) {
        return line.length() <= 20 && SECTION_BREAK.matcher(line).find() && !introducesProblems(next);
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
