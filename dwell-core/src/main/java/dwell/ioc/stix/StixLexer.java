package dwell.ioc.stix;

import java.util.ArrayList;
import java.util.List;

/** Splits a STIX pattern into tokens (STIX 2.1 section 9); string literals have their escapes resolved. */
final class StixLexer {
    private StixLexer() {
    }

    static List<Token> tokens(String s) throws StixPatternException {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            int start = i;
            switch (c) {
                case '[' -> out.add(new Token(Token.Kind.LBRACKET, "[", i++));
                case ']' -> out.add(new Token(Token.Kind.RBRACKET, "]", i++));
                case '(' -> out.add(new Token(Token.Kind.LPAREN, "(", i++));
                case ')' -> out.add(new Token(Token.Kind.RPAREN, ")", i++));
                case ':' -> out.add(new Token(Token.Kind.COLON, ":", i++));
                case '.' -> out.add(new Token(Token.Kind.DOT, ".", i++));
                case ',' -> out.add(new Token(Token.Kind.COMMA, ",", i++));
                case '*' -> out.add(new Token(Token.Kind.STAR, "*", i++));
                case '=' -> {
                    i += s.startsWith("==", i) ? 2 : 1;
                    out.add(new Token(Token.Kind.EQ, "=", start));
                }
                case '!' -> {
                    if (!s.startsWith("!=", i)) throw new StixPatternException("unexpected '!' at " + i);
                    out.add(new Token(Token.Kind.NEQ, "!=", i));
                    i += 2;
                }
                case '<' -> {
                    if (s.startsWith("<>", i)) {
                        out.add(new Token(Token.Kind.NEQ, "<>", i));
                        i += 2;
                    } else if (s.startsWith("<=", i)) {
                        out.add(new Token(Token.Kind.LE, "<=", i));
                        i += 2;
                    } else {
                        out.add(new Token(Token.Kind.LT, "<", i++));
                    }
                }
                case '>' -> {
                    if (s.startsWith(">=", i)) {
                        out.add(new Token(Token.Kind.GE, ">=", i));
                        i += 2;
                    } else {
                        out.add(new Token(Token.Kind.GT, ">", i++));
                    }
                }
                case '\'' -> {
                    StringBuilder b = new StringBuilder();
                    i = string(s, i, b);
                    out.add(new Token(Token.Kind.STRING, b.toString(), start));
                }
                default -> {
                    if ((c == 't' || c == 'h' || c == 'b') && i + 1 < s.length() && s.charAt(i + 1) == '\'') {
                        StringBuilder b = new StringBuilder();
                        i = string(s, i + 1, b);
                        Token.Kind k = c == 't' ? Token.Kind.TIMESTAMP : c == 'h' ? Token.Kind.HEX : Token.Kind.BINARY;
                        out.add(new Token(k, b.toString(), start));
                    } else if (Character.isDigit(c) || (c == '-' || c == '+') && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1))) {
                        i++;
                        while (i < s.length() && Character.isDigit(s.charAt(i))) i++;
                        boolean fl = false;
                        if (i + 1 < s.length() && s.charAt(i) == '.' && Character.isDigit(s.charAt(i + 1))) {
                            fl = true;
                            i++;
                            while (i < s.length() && Character.isDigit(s.charAt(i))) i++;
                        }
                        out.add(new Token(fl ? Token.Kind.FLOAT : Token.Kind.INT, s.substring(start, i), start));
                    } else if (Character.isLetter(c) || c == '_') {
                        while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_' || s.charAt(i) == '-')) i++;
                        out.add(new Token(Token.Kind.IDENT, s.substring(start, i), start));
                    } else {
                        throw new StixPatternException("unexpected character '" + c + "' at " + i);
                    }
                }
            }
        }
        out.add(new Token(Token.Kind.END, "", s.length()));
        return out;
    }

    /** Reads the quoted string opening at {@code i} into {@code b}; returns the index after the closing quote. */
    private static int string(String s, int i, StringBuilder b) throws StixPatternException {
        int open = i;
        i++;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\\') {
                if (i + 1 >= s.length()) break;
                char n = s.charAt(i + 1);
                if (n != '\'' && n != '\\') throw new StixPatternException("invalid escape \\" + n + " at " + i + " (only \\' and \\\\)");
                b.append(n);
                i += 2;
                continue;
            }
            if (c == '\'') return i + 1;
            b.append(c);
            i++;
        }
        throw new StixPatternException("unterminated string starting at " + open);
    }
}
