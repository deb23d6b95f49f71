package io.zhenggai.report.indicator;

import java.util.regex.Pattern;

/** Lexical rules shared by the lexer and the canonical printer, so that what is printed always parses back. */
final class Syntax {

    static final Pattern METRIC_CODE = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z0-9_]+)*");
    static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    static final Pattern NUMBER = Pattern.compile("[0-9]+(\\.[0-9]+)?");

    /** The bare word meaning "this dimension or field has no value". */
    static final String NONE = "none";
    /** The symbol meaning "this dimension or field has some value". */
    static final String ANY = "*";

    private Syntax() {
    }

    static boolean isWordStart(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    static boolean isWordPart(char c) {
        return isWordStart(c) || c == '.';
    }

    /** A value prints bare when it would lex back as the same single word and is not the keyword {@code none}. */
    static String printValue(String value) {
        if (!value.isEmpty() && !value.equals(NONE) && isWordStart(value.charAt(0))
                && value.chars().allMatch(c -> isWordPart((char) c))) {
            return value;
        }
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
