package io.zhenggai.issue.importing;

import java.util.regex.Pattern;

/**
 * What a top-level section (一、 二、 …) of a bulletin holds. Only feedback is part of a tree: 一、整改工作基本情况 (the
 * general work, with its own （一）（二） paragraphs) and 三、今后整改工作打算 are not, while
 * 二、市委巡察组反馈意见整改落实进展情况 wraps the tree and 一、关于…方面 is itself an aspect.
 */
enum SectionKind {
    /** The section heading is an aspect of the tree. */
    ASPECT,
    /** The section's content is the tree. */
    WRAPPER,
    /** General work, plans, or anything else that is not feedback. */
    OTHER;

    private static final Pattern NOT_FEEDBACK = Pattern.compile("基本情况|总体情况|工作打算|下一步|今后|主要做法|工作开展情况|工作措施|组织领导|长效机制");
    private static final Pattern WRAPPER_TITLE = Pattern.compile("反馈.*整改|整改落实|整改进展|问题整改|整改情况|反馈意见|反馈问题");

    /** Whether a title names what is not feedback: general work, plans, mechanisms. */
    static boolean isNotFeedback(String title) {
        return NOT_FEEDBACK.matcher(title).find();
    }

    static SectionKind of(String title) {
        String t = title.strip();
        if (NOT_FEEDBACK.matcher(t).find()) {
            return OTHER;
        }
        if (t.contains("方面") || t.endsWith("问题") || t.endsWith("问题。") || t.startsWith("关于") && t.contains("问题") && !WRAPPER_TITLE.matcher(t).find()) {
            return ASPECT;
        }
        if (WRAPPER_TITLE.matcher(t).find()) {
            return WRAPPER;
        }
        return OTHER;
    }
}
