package io.zhenggai.report.indicator;

/**
 * An indicator definition that cannot be accepted, with where and why: the definition field (numerator, denominator,
 * code, ...), the 1-based column in that field's text (counted in UTF-16 units, as an editor or a browser counts them),
 * the offending token as written ("end of input" past the end), and the reason in English and in Chinese. The API
 * turns it into a 422 problem that names the field.
 */
public class IndicatorSyntaxException extends IllegalArgumentException {

    public static final String END_OF_INPUT = "end of input";

    private final String field;
    private final int column;
    private final String token;
    private final String reason;
    private final String reasonZh;

    public IndicatorSyntaxException(String field, int column, String token, String reason, String reasonZh) {
        super(format(field, column, reason));
        this.field = field;
        this.column = column;
        this.token = token;
        this.reason = reason;
        this.reasonZh = reasonZh;
    }

    /** The same error, attributed to a field of the definition. */
    public IndicatorSyntaxException inField(String definitionField) {
        return new IndicatorSyntaxException(definitionField, column, token, reason, reasonZh);
    }

    /** The definition field, or null when an expression was parsed on its own. */
    public String field() {
        return field;
    }

    public int column() {
        return column;
    }

    public String token() {
        return token;
    }

    /** The English reason, without field and column. */
    public String reason() {
        return reason;
    }

    /** The Chinese reason, without field and column. */
    public String reasonZh() {
        return reasonZh;
    }

    private static String format(String field, int column, String reason) {
        return (field == null ? "" : field + ": ") + "column " + column + ": " + reason;
    }
}
