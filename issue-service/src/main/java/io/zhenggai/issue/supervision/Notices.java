package io.zhenggai.issue.supervision;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The words of a reminder or an urge, for the inbox and the robots alike: a title line, a plain text and a markdown
 * text, made from the event's data only. Pure.
 */
public final class Notices {

    /** One notice: {@code title} is a line, {@code text} plain, {@code markdown} for robots that render it. */
    public record Notice(String title, String text, String markdown) {
    }

    private Notices() {
    }

    /** The reminder's headline, e.g. 逾期催办：（1）关于…问题已逾期3天（完成时限2030-01-01）. */
    public static String reminderTitle(ReminderLevel level, JsonNode issue, LocalDate day) {
        String name = name(issue);
        LocalDate deadline = date(issue.path("deadline")); // YELLOW and RED always have one; the others may not
        return switch (level) {
            case UNSIGNED -> "签收提醒：" + name + "已交办，尚未签收";
            case YELLOW -> "临期提醒：" + name + "距完成时限" + deadline + "还有"
                    + ChronoUnit.DAYS.between(day, deadline) + "天";
            case RED -> "逾期催办：" + name + "已逾期" + ChronoUnit.DAYS.between(deadline, day) + "天（完成时限"
                    + deadline + "）";
            case STALE -> "进展督促：" + name + "长期未更新整改进展";
        };
    }

    public static Notice reminder(ReminderLevel level, JsonNode issue, LocalDate day) {
        return notice("督办", reminderTitle(level, issue, day), issue, null);
    }

    public static Notice urge(JsonNode issue, String message) {
        return notice("催办", "催办：" + name(issue), issue, message);
    }

    private static Notice notice(String kind, String title, JsonNode issue, String message) {
        String lead = text(issue.path("leadUnit"));
        String units = String.join("、", strings(issue.path("responsibleUnits")));
        String deadline = text(issue.path("deadline"));
        StringBuilder text = new StringBuilder("【整改" + kind + "】" + title);
        StringBuilder markdown = new StringBuilder("**【整改" + kind + "】" + title + "**");
        if (message != null) {
            text.append("\n").append(message);
            markdown.append("\n> ").append(message);
        }
        line(text, markdown, "牵头单位", lead);
        line(text, markdown, "责任单位", units.isEmpty() ? null : units);
        line(text, markdown, "牵头领导", String.join("、", strings(issue.path("leadLeaders"))));
        line(text, markdown, "完成时限", deadline);
        return new Notice(title, text.toString(), markdown.toString());
    }

    private static void line(StringBuilder text, StringBuilder markdown, String label, String value) {
        if (value != null && !value.isEmpty()) {
            text.append("\n").append(label).append("：").append(value);
            markdown.append("\n- ").append(label).append("：").append(value);
        }
    }

    static String name(JsonNode issue) {
        String numbering = text(issue.path("numbering"));
        return (numbering == null ? "" : numbering) + text(issue.path("title"));
    }

    static String text(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? null : node.asText();
    }

    static java.util.List<String> strings(JsonNode array) {
        java.util.List<String> values = new java.util.ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static LocalDate date(JsonNode node) {
        return node == null || !node.isTextual() ? null : LocalDate.parse(node.asText());
    }
}
