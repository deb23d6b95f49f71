package io.zhenggai.report.web;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Collection;
import java.util.Locale;

import io.quarkus.qute.TemplateExtension;

/**
 * Numbers, dates and codes the way the pages show them, in Chinese: counts with grouping (1,234), dates as
 * 2023年5月10日, statuses, warnings and qualifiers by their Chinese names. Figures keep the display form the API
 * computes ({@code display}, e.g. 13.63亿元), formatted once in {@code indicator.DisplayForm}.
 */
@TemplateExtension(namespace = "zh")
public final class Format {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private Format() {
    }

    /** A count with grouping, or — without one. */
    public static String num(Object value) {
        if (value == null) {
            return "—";
        }
        if (value instanceof Number number) {
            NumberFormat format = NumberFormat.getNumberInstance(Locale.CHINA);
            format.setMaximumFractionDigits(2);
            return format.format(number instanceof BigDecimal d ? d : new BigDecimal(number.toString()));
        }
        return value.toString();
    }

    /** A figure as a bulletin prints it ({@code display}), or — when it has no value. */
    public static String fig(Object figure) {
        if (figure instanceof java.util.Map<?, ?> map && map.get("display") != null) {
            return map.get("display").toString();
        }
        return "—";
    }

    /** 2023-05-10 → 2023年5月10日; an instant in Asia/Shanghai with its time. */
    public static String date(Object value) {
        if (value == null || value.toString().isBlank()) {
            return "—";
        }
        String text = value.toString();
        try {
            if (text.length() == 10) {
                LocalDate d = LocalDate.parse(text);
                return d.getYear() + "年" + d.getMonthValue() + "月" + d.getDayOfMonth() + "日";
            }
            OffsetDateTime t = OffsetDateTime.parse(text).atZoneSameInstant(ZONE).toOffsetDateTime();
            return t.getYear() + "年" + t.getMonthValue() + "月" + t.getDayOfMonth() + "日 "
                    + String.format("%02d:%02d", t.getHour(), t.getMinute());
        } catch (java.time.format.DateTimeParseException e) {
            return text;
        }
    }

    public static String status(Object code) {
        if (code == null) {
            return "—";
        }
        return switch (code.toString()) {
            case "NOT_STARTED" -> "未启动";
            case "IN_PROGRESS" -> "整改中";
            case "COMPLETED" -> "已完成（待核验）";
            case "CLOSED" -> "已销号";
            case "LONG_TERM" -> "长期坚持";
            default -> code.toString();
        };
    }

    public static String warning(Object code) {
        if (code == null) {
            return "—";
        }
        return switch (code.toString()) {
            case "RED" -> "红（逾期）";
            case "YELLOW" -> "黄（临期）";
            case "GREEN" -> "绿（正常）";
            case "NONE" -> "无时限";
            default -> code.toString();
        };
    }

    /** The qualifier as the bulletin writes it beside a figure (预计, 余, 约, 按通报), or nothing for an exact one. */
    public static String qualifier(Object code) {
        if (code == null) {
            return "";
        }
        return switch (code.toString()) {
            case "FORECAST" -> "预计";
            case "AT_LEAST" -> "余";
            case "APPROXIMATE" -> "约";
            case "STATED" -> "按通报";
            default -> "";
        };
    }

    /** Names joined the Chinese way: 党政办公室、经济发展局. */
    public static String join(Object values) {
        if (values instanceof Collection<?> list) {
            return list.isEmpty() ? "—" : String.join("、", list.stream().map(String::valueOf).toList());
        }
        return values == null ? "—" : values.toString();
    }

    /** Names joined for a form field to edit: empty, not —, when there are none. */
    public static String plain(Object values) {
        String joined = join(values);
        return "—".equals(joined) ? "" : joined;
    }

    public static String event(Object type) {
        if (type == null) {
            return "";
        }
        String t = type.toString().replaceFirst("^zhenggai\\.(issue|inspection)\\.", "").replaceFirst("\\.v\\d+$", "");
        return switch (t) {
            case "created" -> "立项";
            case "imported" -> "导入";
            case "updated" -> "修改";
            case "assigned" -> "交办";
            case "signed" -> "签收";
            case "progress-reported" -> "报告进展";
            case "progress-corrected" -> "更正进展";
            case "status-changed" -> "状态变更";
            case "extension-requested" -> "申请延期";
            case "extension-decided" -> "延期审批";
            case "instruction-added" -> "领导批示";
            case "evidence-added" -> "上传佐证";
            case "reminded" -> "督办提醒";
            case "urged" -> "催办";
            case "reopened" -> "回头看重新打开";
            default -> t;
        };
    }
}
