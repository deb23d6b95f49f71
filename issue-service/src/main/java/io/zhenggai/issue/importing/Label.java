package io.zhenggai.issue.importing;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A labelled paragraph of an issue: 整改成效：/ 整改情况：/ 整改进展：/ 完成情况：… (what was done), 问题：/ 存在问题：
 * (what the inspection found), 整改状态：(the status alone), and the responsibility list (责任清单) labels 牵头领导：,
 * 责任单位：(牵头单位：, 配合单位：), 完成时限：. Both ：and : are accepted.
 *
 * @param kind  what the paragraph is
 * @param name  the label as printed, without the colon
 * @param value the text after the colon
 */
record Label(Kind kind, String name, String value) {

    /** What a labelled paragraph holds. */
    enum Kind { PROGRESS, PROBLEM, STATUS, LEAD_LEADER, RESPONSIBLE_UNITS, DEADLINE }

    private static final String PROGRESS = "整改成效|整改情况|整改进展情况|整改进展|整改落实情况|整改完成情况|完成情况|落实情况|进展情况|整改结果|整改措施及成效|整改措施|工作进展";
    private static final String PROBLEM = "存在问题|问题表现|主要问题|问题描述|问题";
    private static final String STATUS = "整改状态|完成状态|状态";
    private static final String LEADER = "牵头领导|责任领导|包保领导";
    private static final String UNITS = "责任单位|牵头单位|责任部门|牵头部门|配合单位|配合部门|协同单位";
    private static final String DEADLINE = "完成时限|整改时限|完成时间|整改期限";

    private static final Pattern AT_START = Pattern.compile(
            "^(" + String.join("|", PROGRESS, STATUS, LEADER, UNITS, DEADLINE, PROBLEM) + ")\\s*[：:]\\s*(.*)$");
    /** A progress label inside a heading line: 1.关于…问题。整改情况：已完成。 */
    private static final Pattern INLINE_PROGRESS = Pattern.compile("(?<=[。；;！!）)\\s.])(" + PROGRESS + ")\\s*[：:]");

    /** The label that opens {@code line}, if any. */
    static Optional<Label> at(String line) {
        Matcher m = AT_START.matcher(line);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new Label(kindOf(m.group(1)), m.group(1), m.group(2).strip()));
    }

    /** Where a progress label starts inside a heading line, or -1. */
    static int inlineProgressStart(String line) {
        Matcher m = INLINE_PROGRESS.matcher(line);
        return m.find() ? m.start() : -1;
    }

    private static Kind kindOf(String name) {
        if (name.matches(PROGRESS)) {
            return Kind.PROGRESS;
        }
        if (name.matches(STATUS)) {
            return Kind.STATUS;
        }
        if (name.matches(LEADER)) {
            return Kind.LEAD_LEADER;
        }
        if (name.matches(UNITS)) {
            return Kind.RESPONSIBLE_UNITS;
        }
        if (name.matches(DEADLINE)) {
            return Kind.DEADLINE;
        }
        return Kind.PROBLEM;
    }
}
