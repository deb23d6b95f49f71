package io.zhenggai.issue.importing;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The texts of a ledger row's cells as values: lists of names, dates, version numbers. Pure; a cell that cannot be
 * read raises {@link Unreadable} with the reason in Chinese, for the office to correct.
 */
public final class LedgerCells {

    /** Between names in a cell: the ledger writes 、; people also type ， , ； ; / and line breaks. */
    private static final Pattern SEPARATORS = Pattern.compile("[、，,；;/\\n\\r]+");

    /** 2023-06-30, 2023/6/30, 2023.6.30 and 2023年6月30日 (Excel's date cells come as ISO dates). */
    private static final Pattern DATE = Pattern.compile(
            "(\\d{4})\\s*(?:[-/.]|年)\\s*(\\d{1,2})\\s*(?:[-/.]|月)\\s*(\\d{1,2})\\s*日?");

    private LedgerCells() {
    }

    /** A cell the import cannot read, and why (in Chinese). */
    public static final class Unreadable extends Exception {
        public Unreadable(String message) {
            super(message);
        }
    }

    /** The names in a cell, in order, each once; none for a blank cell. */
    public static List<String> names(String cell, int maxLength) throws Unreadable {
        Set<String> names = new LinkedHashSet<>();
        for (String name : SEPARATORS.split(cell.strip())) {
            String n = name.strip();
            if (n.length() > maxLength) {
                throw new Unreadable("名称“" + abbreviate(n) + "”超过" + maxLength + "个字");
            }
            if (!n.isEmpty()) {
                names.add(n);
            }
        }
        return new ArrayList<>(names);
    }

    /** The date of a cell; null for a blank cell. */
    public static LocalDate date(String cell) throws Unreadable {
        String text = cell.strip();
        if (text.isEmpty()) {
            return null;
        }
        Matcher m = DATE.matcher(text);
        if (!m.matches()) {
            throw new Unreadable("“" + abbreviate(text) + "”不是日期，应写作2023-06-30");
        }
        try {
            return LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)));
        } catch (DateTimeException e) {
            throw new Unreadable("“" + abbreviate(text) + "”不是有效的日期");
        }
    }

    /** A version (the issue's sequence when the ledger was exported): a whole number from 1. */
    public static long version(String cell) throws Unreadable {
        String text = cell.strip();
        if (text.isEmpty()) {
            throw new Unreadable("为空：此行取自某一日期的历史台账（或版本被删除），不能据此更改；请导出当前的台账再修改");
        }
        try {
            long version = Long.parseLong(text);
            if (version < 1) {
                throw new NumberFormatException();
            }
            return version;
        } catch (NumberFormatException e) {
            throw new Unreadable("“" + abbreviate(text) + "”不是系统导出的版本号（正整数）");
        }
    }

    /** A text as a message quotes it: at most 30 characters. */
    public static String abbreviate(String text) {
        return text.length() > 30 ? text.substring(0, 30) + "…" : text;
    }
}
