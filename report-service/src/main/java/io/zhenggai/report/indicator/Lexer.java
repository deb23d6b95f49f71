package io.zhenggai.report.indicator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Splits expression text into tokens; columns are 1-based UTF-16 offsets into the text. */
final class Lexer {

    enum Type { WORD, STRING, LPAREN, RPAREN, LBRACKET, RBRACKET, COMMA, EQUALS, PLUS, MINUS, STAR, END }

    /**
     * @param text  the token as written, quotes included, for error messages
     * @param value the word, or the string without quotes and escapes
     */
    record Token(Type type, String text, String value, int column) {
        String shown() {
            return type == Type.END ? IndicatorSyntaxException.END_OF_INPUT : text;
        }
    }

    /*
     * A Chinese input method produces these instead of ASCII punctuation. Accepting them silently would make the
     * stored text differ from what the author sees; naming the mix-up is more useful than "unexpected character".
     */
    private static final Map<Character, Character> FULL_WIDTH = Map.ofEntries(
            Map.entry('，', ','), Map.entry('、', ','), Map.entry('（', '('), Map.entry('）', ')'),
            Map.entry('［', '['), Map.entry('］', ']'), Map.entry('【', '['), Map.entry('】', ']'),
            Map.entry('＝', '='), Map.entry('＋', '+'), Map.entry('－', '-'), Map.entry('＊', '*'));

    private Lexer() {
    }

    static List<Token> tokenize(String text) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            int column = i + 1;
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                i++;
                continue;
            }
            Type single = switch (c) {
                case '(' -> Type.LPAREN;
                case ')' -> Type.RPAREN;
                case '[' -> Type.LBRACKET;
                case ']' -> Type.RBRACKET;
                case ',' -> Type.COMMA;
                case '=' -> Type.EQUALS;
                case '+' -> Type.PLUS;
                case '-' -> Type.MINUS;
                case '*' -> Type.STAR;
                default -> null;
            };
            if (single != null) {
                tokens.add(new Token(single, String.valueOf(c), String.valueOf(c), column));
                i++;
            } else if (c == '"' || c == '“') {
                i = string(text, i, tokens);
            } else if (Syntax.isWordStart(c)) {
                int end = i + 1;
                while (end < text.length() && Syntax.isWordPart(text.charAt(end))) {
                    end++;
                }
                String word = text.substring(i, end);
                tokens.add(new Token(Type.WORD, word, word, column));
                i = end;
            } else if (FULL_WIDTH.containsKey(c)) {
                char ascii = FULL_WIDTH.get(c);
                throw new IndicatorSyntaxException(null, column, String.valueOf(c),
                        "full-width '" + c + "' is not allowed here; use '" + ascii + "' (quote the value if it is part of it)",
                        "此处不能使用全角符号“" + c + "”,请改用半角“" + ascii + "”(若属于取值本身,请加引号)");
            } else {
                int cp = text.codePointAt(i);
                String shown = new String(Character.toChars(cp));
                throw new IndicatorSyntaxException(null, column, shown,
                        "unexpected character '" + shown + "'", "无法识别的字符“" + shown + "”");
            }
        }
        tokens.add(new Token(Type.END, "", "", text.length() + 1));
        return tokens;
    }

    /** Reads a string opened at {@code start} by {@code "} or {@code “}; backslash escapes the next character. */
    private static int string(String text, int start, List<Token> tokens) {
        char close = text.charAt(start) == '"' ? '"' : '”';
        StringBuilder value = new StringBuilder();
        int i = start + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                value.append(text.charAt(i + 1));
                i += 2;
            } else if (c == close) {
                tokens.add(new Token(Type.STRING, text.substring(start, i + 1), value.toString(), start + 1));
                return i + 1;
            } else {
                value.append(c);
                i++;
            }
        }
        throw new IndicatorSyntaxException(null, start + 1, text.substring(start),
                "unterminated string: no closing " + close, "字符串缺少结束引号 " + close);
    }
}
