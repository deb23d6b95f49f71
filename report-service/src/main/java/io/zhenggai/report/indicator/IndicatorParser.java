package io.zhenggai.report.indicator;

import io.zhenggai.report.indicator.Lexer.Token;
import io.zhenggai.report.indicator.Lexer.Type;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Hand-written recursive-descent parser for indicator expressions, one method per rule:
 *
 * <pre>
 * expression = [ "-" ] term { ( "+" | "-" ) term } ;
 * term       = metric | issues | number ;
 * metric     = "metric" "(" code { "," condition } ")" ;
 * issues     = "issues" "(" [ condition { "," condition } ] ")" ;
 * condition  = name ( "=" single | "in" "[" value { "," value } "]" ) ;
 * single     = value | "*" | "none" ;          (* "*": has a value; none: has no value *)
 * value      = word | string ;
 * code       = [a-z][a-z0-9_]* { "." [a-z0-9_]+ } ;
 * name       = [A-Za-z_][A-Za-z0-9_]* ;        (* in issues(): one of the IssueField names *)
 * number     = digit { digit } [ "." digit { digit } ] ;
 * word       = ( letter | digit | "_" ) { letter | digit | "_" | "." } ;   (* letters include Chinese *)
 * string     = '"' { char | '\' char } '"' | '“' { char } '”' ;
 * </pre>
 *
 * Keywords ({@code metric}, {@code issues}, {@code in}, {@code none}) are recognised by position only, so a
 * dimension value may still be spelt like one when it is quoted. Errors are thrown as
 * {@link IndicatorSyntaxException} at the first offending token; there is no recovery, because a definition is
 * edited and resubmitted as a whole.
 */
public final class IndicatorParser {

    private final List<Token> tokens;
    private int position;

    private IndicatorParser(String text) {
        this.tokens = Lexer.tokenize(text);
    }

    /** Parses one side of an indicator. */
    public static Expression parseExpression(String text) {
        IndicatorParser parser = new IndicatorParser(text);
        Expression expression = parser.expression();
        parser.expectEnd("'+', '-' or the end of the expression", "“+”“-”或表达式结束");
        return expression;
    }

    /** Parses a single {@code metric(...)} term, as the stated-rate fallback of a definition requires. */
    public static MetricTerm parseMetricTerm(String text) {
        IndicatorParser parser = new IndicatorParser(text);
        Token first = parser.peek();
        Term term = parser.term();
        if (!(term instanceof MetricTerm metric)) {
            throw error(first, "expected a single metric(...) term", "此处只能是一个 metric(...) 项");
        }
        parser.expectEnd("the end: only one metric(...) term is allowed here", "结束:此处只能有一个 metric(...) 项");
        return metric;
    }

    private Expression expression() {
        List<Expression.Part> parts = new ArrayList<>();
        boolean negative = accept(Type.MINUS);
        parts.add(new Expression.Part(negative, term()));
        while (peek().type() == Type.PLUS || peek().type() == Type.MINUS) {
            negative = next().type() == Type.MINUS;
            parts.add(new Expression.Part(negative, term()));
        }
        return new Expression(parts);
    }

    private Term term() {
        Token token = next();
        if (token.type() == Type.WORD) {
            switch (token.value()) {
                case "metric":
                    return metric();
                case "issues":
                    return issues();
                default:
                    if (Syntax.NUMBER.matcher(token.value()).matches()) {
                        return new ConstantTerm(new BigDecimal(token.value()));
                    }
                    if (peek().type() == Type.LPAREN) {
                        throw error(token, "unknown function '" + token.text() + "'; expected metric(...) or issues(...)",
                                "未知函数“" + token.text() + "”,应为 metric(...) 或 issues(...)");
                    }
            }
        }
        throw error(token, "expected metric(...), issues(...) or a number but found " + quoted(token),
                "此处应为 metric(...)、issues(...) 或数字,实际为" + quotedZh(token));
    }

    private MetricTerm metric() {
        expect(Type.LPAREN, "'(' after metric", "metric 后应为“(”");
        Token code = next();
        if (code.type() != Type.WORD || !Syntax.METRIC_CODE.matcher(code.value()).matches()) {
            throw error(code, "expected a metric code (lower-case words joined by dots, e.g. loan.npl) but found "
                    + quoted(code), "此处应为指标代码(小写英文单词以点连接,如 loan.npl),实际为" + quotedZh(code));
        }
        List<DimensionCondition> conditions = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        while (accept(Type.COMMA)) {
            Token name = next();
            if (name.type() != Type.WORD || !Syntax.NAME.matcher(name.value()).matches()) {
                throw error(name, "expected a dimension name (e.g. industry) but found " + quoted(name),
                        "此处应为维度名称(如 industry),实际为" + quotedZh(name));
            }
            if (!seen.add(name.value())) {
                throw duplicate(name);
            }
            conditions.add(new DimensionCondition(name.value(), match(name, null)));
        }
        expect(Type.RPAREN, "',' or ')'", "“,”或“)”");
        return new MetricTerm(code.value(), conditions);
    }

    private IssuesTerm issues() {
        expect(Type.LPAREN, "'(' after issues", "issues 后应为“(”");
        List<IssueCondition> conditions = new ArrayList<>();
        Set<IssueField> seen = new HashSet<>();
        if (!accept(Type.RPAREN)) {
            do {
                Token name = next();
                Optional<IssueField> field = name.type() == Type.WORD ? IssueField.byName(name.value()) : Optional.empty();
                if (field.isEmpty()) {
                    throw error(name, "unknown issue field " + quoted(name) + "; known fields: " + IssueField.knownNames(),
                            "未知的问题字段" + quotedZh(name) + ",可用字段:" + IssueField.knownNames());
                }
                if (!seen.add(field.get())) {
                    throw duplicate(name);
                }
                conditions.add(new IssueCondition(field.get(), match(name, field.get())));
            } while (accept(Type.COMMA));
            expect(Type.RPAREN, "',' or ')'", "“,”或“)”");
        }
        return new IssuesTerm(conditions);
    }

    /** The part after a dimension or field name; {@code field} is null for a reading's dimension. */
    private ValueMatch match(Token name, IssueField field) {
        Token operator = next();
        if (operator.type() == Type.EQUALS) {
            Token value = next();
            boolean any = value.type() == Type.STAR;
            boolean none = value.type() == Type.WORD && value.value().equals(Syntax.NONE);
            if (any || none) {
                if (field != null && !field.mayBeAbsent()) {
                    throw error(value, field.fieldName() + " always has a value, so " + quoted(value)
                                    + " cannot be used with it; name the values instead",
                            field.fieldName() + " 总是有值,不能使用" + quotedZh(value) + ",请列出具体取值");
                }
                return any ? new ValueMatch.Present() : new ValueMatch.Absent();
            }
            return new ValueMatch.AnyOf(List.of(value(value, field)));
        }
        if (operator.type() == Type.WORD && operator.value().equals("in")) {
            expect(Type.LBRACKET, "'[' after in", "in 后应为“[”");
            Set<String> values = new LinkedHashSet<>();
            do {
                Token value = next();
                if (value.type() == Type.STAR || value.type() == Type.WORD && value.value().equals(Syntax.NONE)) {
                    throw error(value, quoted(value) + " cannot be part of a set; write " + name.value() + " = "
                            + value.value() + " on its own", quotedZh(value) + " 不能放在集合中,请单独写作 "
                            + name.value() + " = " + value.value());
                }
                values.add(value(value, field));
            } while (accept(Type.COMMA));
            expect(Type.RBRACKET, "',' or ']'", "“,”或“]”");
            Comparator<String> order = field == null ? Comparator.naturalOrder() : field.valueOrder();
            return new ValueMatch.AnyOf(values.stream().sorted(order).toList());
        }
        throw error(operator, "expected '=' or 'in' after " + quoted(name) + " but found " + quoted(operator),
                quotedZh(name) + " 后应为“=”或“in”,实际为" + quotedZh(operator));
    }

    private String value(Token token, IssueField field) {
        if (token.type() != Type.WORD && token.type() != Type.STRING) {
            throw error(token, "expected a value but found " + quoted(token), "此处应为取值,实际为" + quotedZh(token));
        }
        if (field == null) {
            return token.value();
        }
        return field.canonicalValue(token.value()).orElseThrow(() -> error(token,
                quoted(token) + " is not a valid " + field.fieldName() + "; expected one of "
                        + String.join(", ", field.allowedValues()),
                quotedZh(token) + " 不是有效的 " + field.fieldName() + ",可选值:" + String.join(", ", field.allowedValues())));
    }

    private void expectEnd(String expected, String expectedZh) {
        Token token = peek();
        if (token.type() != Type.END) {
            throw error(token, "expected " + expected + " but found " + quoted(token),
                    "此处应为" + expectedZh + ",实际为" + quotedZh(token));
        }
    }

    private void expect(Type type, String expected, String expectedZh) {
        Token token = next();
        if (token.type() != type) {
            throw error(token, "expected " + expected + " but found " + quoted(token),
                    "此处应为" + expectedZh + ",实际为" + quotedZh(token));
        }
    }

    private boolean accept(Type type) {
        if (peek().type() == type) {
            position++;
            return true;
        }
        return false;
    }

    private Token peek() {
        return tokens.get(position);
    }

    private Token next() {
        Token token = tokens.get(position);
        if (token.type() != Type.END) {
            position++;
        }
        return token;
    }

    private static IndicatorSyntaxException duplicate(Token name) {
        return error(name, quoted(name) + " is constrained twice; use " + name.value() + " in [...] for several values",
                quotedZh(name) + " 重复出现,多个取值请写作 " + name.value() + " in [...]");
    }

    private static IndicatorSyntaxException error(Token token, String reason, String reasonZh) {
        return new IndicatorSyntaxException(null, token.column(), token.shown(), reason, reasonZh);
    }

    private static String quoted(Token token) {
        return token.type() == Type.END ? IndicatorSyntaxException.END_OF_INPUT : "'" + token.text() + "'";
    }

    private static String quotedZh(Token token) {
        return token.type() == Type.END ? "表达式结尾" : "“" + token.text() + "”";
    }
}
