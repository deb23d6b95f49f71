package io.zhenggai.issue.importing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Turns an outline into aspects, groups, categories and issues. The second level is the category; a category without
 * sub-items is itself the issue. Each node's path is the chain of its published numbers (with the group title where
 * there is one), made unique within the list if a bulletin repeats a number.
 */
final class TreeAssembler {

    private final Set<String> paths = new HashSet<>();
    /** The next suffix to try per repeated path: a bulletin repeating one number n times costs n tries, not n². */
    private final Map<String, Integer> nextSuffix = new HashMap<>();
    private final UnaryOperator<Issue> reader;

    /** @param reader adds the readings to an issue once its text is known */
    TreeAssembler(UnaryOperator<Issue> reader) {
        this.reader = reader;
    }

    List<Aspect> assemble(List<OutlineBuilder.Node> nodes) {
        List<Aspect> aspects = new ArrayList<>();
        for (OutlineBuilder.Node a : nodes) {
            String aspectPath = unique(a.numbering.token());
            Map<String, List<Category>> groups = new LinkedHashMap<>();
            for (OutlineBuilder.Node c : a.children) {
                String categoryPath = unique(aspectPath + (c.group == null ? "" : "「" + c.group + "」") + c.numbering.token());
                Heading heading = c.heading();
                Category category;
                if (c.children.isEmpty()) {
                    category = new Category(categoryPath, heading.title(), heading.description(), true,
                            List.of(c.row != null ? row(categoryPath, heading, c) : issue(categoryPath, heading, c.lines)));
                } else {
                    List<Issue> issues = new ArrayList<>();
                    for (OutlineBuilder.Node i : c.children) {
                        String issuePath = unique(categoryPath + i.numbering.token());
                        issues.add(issue(issuePath, i.heading(), withGrandchildren(i)));
                    }
                    String description = join(heading.description(), String.join("\n", c.lines));
                    category = new Category(categoryPath, heading.title(), description, false, issues);
                }
                groups.computeIfAbsent(c.group == null ? "" : c.group, k -> new ArrayList<>()).add(category);
            }
            List<CategoryGroup> groupList = new ArrayList<>();
            groups.forEach((title, categories) -> groupList.add(new CategoryGroup(title.isEmpty() ? null : title, categories)));
            aspects.add(new Aspect(aspectPath, Heading.of(a.numbering.rest()).fullTitle(), groupList));
        }
        return aspects;
    }

    /** Headings below the issue level are enumerations inside the issue, kept as its text. */
    private static List<String> withGrandchildren(OutlineBuilder.Node node) {
        List<String> lines = new ArrayList<>(node.lines);
        for (OutlineBuilder.Node child : node.children) {
            lines.add(child.numbering.token() + child.numbering.rest());
            lines.addAll(withGrandchildren(child));
        }
        return lines;
    }

    private Issue issue(String path, Heading heading, List<String> lines) {
        StringBuilder progress = new StringBuilder();
        StringBuilder description = new StringBuilder(heading.description());
        String progressLabel = null;
        String statusLabel = heading.statusLabel();
        ReportedStatus status = heading.status();
        String leader = null;
        String units = null;
        String deadline = null;
        Label.Kind context = Label.Kind.PROGRESS;
        List<String> all = new ArrayList<>();
        if (heading.inlineBody() != null) {
            all.add(heading.inlineBody());
        }
        all.addAll(lines);
        for (String line : all) {
            Optional<Label> label = Label.at(line);
            String value = line;
            if (label.isPresent()) {
                context = label.get().kind();
                value = label.get().value();
                switch (context) {
                    case PROGRESS -> {
                        if (progressLabel == null) {
                            progressLabel = label.get().name();
                        } else if (statusLabel == null) {
                            // a second label opening with the status: 整改措施：1.…2.… 整改进展：已完成。
                            Optional<StatusVocabulary.Opening> opening = StatusVocabulary.openingOf(value);
                            if (opening.isPresent()) {
                                statusLabel = opening.get().label();
                                status = opening.get().status();
                                value = value.strip().substring(opening.get().length()).strip();
                            }
                        }
                    }
                    case STATUS -> {
                        Optional<StatusVocabulary.Opening> opening = StatusVocabulary.openingOf(value);
                        if (opening.isPresent()) {
                            statusLabel = opening.get().label();
                            status = opening.get().status();
                            value = value.substring(Math.min(opening.get().length(), value.length())).strip();
                        }
                        context = Label.Kind.PROGRESS;
                    }
                    case LEAD_LEADER -> leader = strip(value);
                    // 牵头单位 first, 配合单位 after it, in whichever order the lines come
                    case RESPONSIBLE_UNITS -> units = units == null ? strip(value)
                            : label.get().name().startsWith("牵头") ? strip(value) + "、" + units : units + "、" + strip(value);
                    case DEADLINE -> deadline = strip(value);
                    default -> {
                    }
                }
                if (context == Label.Kind.LEAD_LEADER || context == Label.Kind.RESPONSIBLE_UNITS || context == Label.Kind.DEADLINE) {
                    continue;
                }
            }
            if (value.isEmpty()) {
                continue;
            }
            if (context == Label.Kind.PROBLEM) {
                append(description, value);
            } else {
                append(progress, value);
            }
        }
        String progressText = progress.toString();
        Optional<StatusVocabulary.Opening> opening = StatusVocabulary.openingOf(progressText);
        if (opening.isPresent()) {
            if (statusLabel == null) {
                statusLabel = opening.get().label();
                status = opening.get().status();
            }
            progressText = progressText.strip().substring(opening.get().length()).strip();
        }
        if (statusLabel == null) {
            Optional<StatusVocabulary.Bracketed> bracketed = StatusVocabulary.bracketedIn(progressText);
            if (bracketed.isPresent() && (bracketed.get().start() == 0 || bracketed.get().end() >= progressText.length() - 1)) {
                statusLabel = bracketed.get().label();
                status = bracketed.get().status();
                progressText = (progressText.substring(0, bracketed.get().start()) + progressText.substring(bracketed.get().end())).strip();
            }
        }
        if (statusLabel == null) {
            // the paragraph's last word: …二是建立台账。已完成。
            Optional<StatusVocabulary.Closing> closing = StatusVocabulary.closingOf(progressText);
            if (closing.isPresent()) {
                statusLabel = closing.get().label();
                status = closing.get().status();
                progressText = progressText.substring(0, closing.get().start()).strip();
            }
        }
        List<Measure> measures = MeasureSplitter.split(progressText);
        Responsibility responsibility = new Responsibility(leader, units, deadline);
        if (status == null && responsibility.isLongTerm()) {
            status = ReportedStatus.LONG_TERM;
            statusLabel = deadline;
        }
        if (status == null) {
            status = measures.isEmpty() ? ReportedStatus.NOT_STARTED : ReportedStatus.IN_PROGRESS;
        }
        return reader.apply(new Issue(path, heading.title(), description.toString(), status, statusLabel, progressLabel,
                progressText, measures, List.of(), responsibility.isEmpty() ? null : responsibility));
    }

    /**
     * A row of a pasted table: the problem from its 问题 cell, the measures from 整改措施, the progress from 进展, the
     * status from 状态 or from the progress's first or last words, and the responsibility from 责任单位 (牵头单位 first),
     * 责任领导 and 完成时限.
     */
    private Issue row(String path, Heading heading, OutlineBuilder.Node node) {
        Map<TableText.Column, String> cells = node.row;
        String progressText = cells.getOrDefault(TableText.Column.PROGRESS, "");
        String statusLabel = null;
        ReportedStatus status = null;
        String statusCell = cells.get(TableText.Column.STATUS);
        if (statusCell != null) {
            Optional<StatusVocabulary.Opening> stated = StatusVocabulary.openingOf(statusCell);
            if (stated.isPresent()) {
                statusLabel = stated.get().label();
                status = stated.get().status();
            } else if (statusCell.equals("是") || statusCell.equals("否")) {
                // a column 是否完成 (or 是否整改到位) answered yes or no
                statusLabel = statusCell;
                status = statusCell.equals("是") ? ReportedStatus.COMPLETED : ReportedStatus.IN_PROGRESS;
            }
        }
        Optional<StatusVocabulary.Opening> opening = StatusVocabulary.openingOf(progressText);
        if (opening.isPresent()) {
            if (status == null) {
                statusLabel = opening.get().label();
                status = opening.get().status();
            }
            progressText = progressText.strip().substring(opening.get().length()).strip();
        }
        Optional<StatusVocabulary.Closing> closing = StatusVocabulary.closingOf(progressText);
        if (closing.isPresent()) {
            if (status == null) {
                statusLabel = closing.get().label();
                status = closing.get().status();
            }
            progressText = progressText.substring(0, closing.get().start()).strip();
        }
        List<Measure> measures = MeasureSplitter.split(cells.getOrDefault(TableText.Column.MEASURES, ""));
        String units = String.join("、", Stream.of(cells.get(TableText.Column.LEAD_UNIT),
                cells.get(TableText.Column.UNITS)).filter(u -> u != null && !u.isBlank()).toList());
        Responsibility responsibility = new Responsibility(cells.get(TableText.Column.LEADER),
                units.isEmpty() ? null : units, cells.get(TableText.Column.DEADLINE));
        if (status == null && responsibility.isLongTerm()) {
            status = ReportedStatus.LONG_TERM;
            statusLabel = responsibility.deadline();
        }
        if (status == null) {
            status = measures.isEmpty() && progressText.isEmpty() ? ReportedStatus.NOT_STARTED : ReportedStatus.IN_PROGRESS;
        }
        String progressLabel = progressText.isEmpty() ? null : node.columnNames.get(TableText.Column.PROGRESS);
        return reader.apply(new Issue(path, heading.title(), heading.description(), status, statusLabel, progressLabel,
                progressText, measures, List.of(), responsibility.isEmpty() ? null : responsibility));
    }

    private String unique(String path) {
        String candidate = path;
        int n = nextSuffix.getOrDefault(path, 2);
        while (!paths.add(candidate)) {
            candidate = path + "~" + n++;
        }
        nextSuffix.put(path, n);
        return candidate;
    }

    private static void append(StringBuilder sb, String text) {
        if (!sb.isEmpty()) {
            sb.append('\n');
        }
        sb.append(text);
    }

    private static String join(String a, String b) {
        if (a.isEmpty()) {
            return b;
        }
        return b.isEmpty() ? a : a + "\n" + b;
    }

    private static String strip(String value) {
        String v = value.strip();
        while (!v.isEmpty() && "。；;，,".indexOf(v.charAt(v.length() - 1)) >= 0) {
            v = v.substring(0, v.length() - 1);
        }
        return v;
    }
}
