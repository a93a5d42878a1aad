package dwell.yara;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a rule file into tokens. The file is read byte for byte (ISO-8859-1), as YARA does, so text
 * strings keep their exact bytes. Regexes and hex strings are recognised by context: right after {@code =}
 * or {@code matches}.
 */
final class Lexer {
    enum Kind { IDENT, STRING_ID, COUNT_ID, OFFSET_ID, LENGTH_ID, INT, FLOAT, TEXT, HEX, REGEX, SYMBOL, EOF }

    /** One token; {@code text} is the identifier, symbol, hex body or regex source; {@code bytes} a text string's value. */
    record Token(Kind kind, String text, long intValue, double floatValue, byte[] bytes, String flags, Ast.Pos pos) {
        boolean is(String s) {
            return (kind == Kind.SYMBOL || kind == Kind.IDENT) && text.equals(s);
        }
    }

    private static final String[] SYMBOLS = {"..", "==", "!=", "<=", ">=", "<<", ">>", "<", ">", "=", "(", ")", "[",
            "]", "{", "}", ":", ",", "+", "-", "*", "\\", "%", "&", "|", "^", "~", ".", "/"};

    private final String src;
    private final String file;
    private int i;
    private int line = 1;
    private int lineStart;

    Lexer(String src, String file) {
        this.src = src;
        this.file = file;
    }

    List<Token> tokens() throws YaraSyntaxError {
        List<Token> out = new ArrayList<>();
        while (true) {
            skipSpace();
            Ast.Pos pos = pos();
            if (i >= src.length()) {
                out.add(new Token(Kind.EOF, "<end of file>", 0, 0, null, null, pos));
                return out;
            }
            Token prev = out.isEmpty() ? null : out.get(out.size() - 1);
            boolean patternContext = prev != null && (prev.is("=") || prev.is("matches"));
            char c = src.charAt(i);
            if (patternContext && c == '{' && prev.is("=")) {
                out.add(hex(pos));
            } else if (patternContext && c == '/') {
                out.add(regex(pos));
            } else if (c == '"') {
                out.add(text(pos));
            } else if (Character.isDigit(c)) {
                out.add(number(pos));
            } else if (c == '$' || c == '#' || c == '@' || (c == '!' && i + 1 < src.length() && isIdStart(src.charAt(i + 1)))) {
                out.add(stringRef(pos, c));
            } else if (isIdStart(c)) {
                int s = i;
                while (i < src.length() && isIdPart(src.charAt(i))) i++;
                out.add(new Token(Kind.IDENT, src.substring(s, i), 0, 0, null, null, pos));
            } else {
                String sym = null;
                for (String s : SYMBOLS) {
                    if (src.startsWith(s, i)) {
                        sym = s;
                        break;
                    }
                }
                if (sym == null) throw new YaraSyntaxError(pos, "unexpected character '" + c + "'");
                i += sym.length();
                out.add(new Token(Kind.SYMBOL, sym, 0, 0, null, null, pos));
            }
        }
    }

    private Ast.Pos pos() {
        return new Ast.Pos(file, line, i - lineStart + 1);
    }

    private static boolean isIdStart(char c) {
        return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isIdPart(char c) {
        return isIdStart(c) || (c >= '0' && c <= '9');
    }

    private void newline() {
        line++;
        lineStart = i + 1;
    }

    private void skipSpace() throws YaraSyntaxError {
        while (i < src.length()) {
            char c = src.charAt(i);
            if (c == '\n') {
                newline();
                i++;
            } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\u000b') {
                i++;
            } else if (src.startsWith("//", i)) {
                while (i < src.length() && src.charAt(i) != '\n') i++;
            } else if (src.startsWith("/*", i)) {
                Ast.Pos p = pos();
                int end = src.indexOf("*/", i + 2);
                if (end < 0) throw new YaraSyntaxError(p, "unterminated comment");
                for (int k = i; k < end; k++) {
                    if (src.charAt(k) == '\n') {
                        line++;
                        lineStart = k + 1;
                    }
                }
                i = end + 2;
            } else {
                return;
            }
        }
    }

    private Token stringRef(Ast.Pos pos, char sigil) {
        int s = i++;
        while (i < src.length() && isIdPart(src.charAt(i))) i++;
        if (sigil == '$' && i < src.length() && src.charAt(i) == '*') i++;
        Kind k = switch (sigil) {
            case '$' -> Kind.STRING_ID;
            case '#' -> Kind.COUNT_ID;
            case '@' -> Kind.OFFSET_ID;
            default -> Kind.LENGTH_ID;
        };
        return new Token(k, "$" + src.substring(s + 1, i), 0, 0, null, null, pos);
    }

    private Token number(Ast.Pos pos) throws YaraSyntaxError {
        int s = i;
        long v;
        if (src.startsWith("0x", i) || src.startsWith("0X", i)) {
            i += 2;
            int d = i;
            while (i < src.length() && Character.digit(src.charAt(i), 16) >= 0) i++;
            v = parse(src.substring(d, i), 16, pos);
        } else if (src.startsWith("0o", i)) {
            i += 2;
            int d = i;
            while (i < src.length() && Character.digit(src.charAt(i), 8) >= 0) i++;
            v = parse(src.substring(d, i), 8, pos);
        } else {
            while (i < src.length() && Character.isDigit(src.charAt(i))) i++;
            if (i + 1 < src.length() && src.charAt(i) == '.' && Character.isDigit(src.charAt(i + 1))) {
                i++;
                while (i < src.length() && Character.isDigit(src.charAt(i))) i++;
                return new Token(Kind.FLOAT, src.substring(s, i), 0, Double.parseDouble(src.substring(s, i)), null, null, pos);
            }
            v = parse(src.substring(s, i), 10, pos);
        }
        if (src.startsWith("KB", i)) {
            v *= 1024;
            i += 2;
        } else if (src.startsWith("MB", i)) {
            v *= 1024 * 1024;
            i += 2;
        }
        if (i < src.length() && isIdPart(src.charAt(i))) throw new YaraSyntaxError(pos, "invalid number");
        return new Token(Kind.INT, src.substring(s, i), v, 0, null, null, pos);
    }

    private static long parse(String digits, int radix, Ast.Pos pos) throws YaraSyntaxError {
        try {
            return Long.parseLong(digits, radix);
        } catch (NumberFormatException e) {
            throw new YaraSyntaxError(pos, "invalid number '" + digits + "'");
        }
    }

    private Token text(Ast.Pos pos) throws YaraSyntaxError {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int start = i++;
        while (true) {
            if (i >= src.length() || src.charAt(i) == '\n') throw new YaraSyntaxError(pos, "unterminated string");
            char c = src.charAt(i++);
            if (c == '"') break;
            if (c != '\\') {
                b.write(c);
                continue;
            }
            if (i >= src.length()) throw new YaraSyntaxError(pos, "unterminated string");
            char e = src.charAt(i++);
            switch (e) {
                case 'n' -> b.write('\n');
                case 't' -> b.write('\t');
                case 'r' -> b.write('\r');
                case '"' -> b.write('"');
                case '\\' -> b.write('\\');
                case 'x' -> {
                    int h1 = i < src.length() ? Character.digit(src.charAt(i), 16) : -1;
                    int h2 = i + 1 < src.length() ? Character.digit(src.charAt(i + 1), 16) : -1;
                    if (h1 < 0 || h2 < 0) throw new YaraSyntaxError(pos, "invalid \\x escape in string");
                    b.write(h1 * 16 + h2);
                    i += 2;
                }
                default -> throw new YaraSyntaxError(pos, "illegal escape sequence \\" + e);
            }
        }
        return new Token(Kind.TEXT, src.substring(start, i), 0, 0, b.toByteArray(), null, pos);
    }

    private Token hex(Ast.Pos pos) throws YaraSyntaxError {
        int end = i + 1;
        StringBuilder body = new StringBuilder();
        while (true) {
            if (end >= src.length()) throw new YaraSyntaxError(pos, "unterminated hex string");
            char c = src.charAt(end);
            if (c == '}') break;
            if (src.startsWith("//", end)) {
                while (end < src.length() && src.charAt(end) != '\n') end++;
                continue;
            }
            if (src.startsWith("/*", end)) {
                int e = src.indexOf("*/", end + 2);
                if (e < 0) throw new YaraSyntaxError(pos, "unterminated comment");
                for (int k = end; k < e; k++) if (src.charAt(k) == '\n') body.append('\n');
                end = e + 2;
                continue;
            }
            body.append(c);
            end++;
        }
        for (int k = i; k < end; k++) {
            if (src.charAt(k) == '\n') {
                line++;
                lineStart = k + 1;
            }
        }
        i = end + 1;
        return new Token(Kind.HEX, body.toString(), 0, 0, null, null, pos);
    }

    private Token regex(Ast.Pos pos) throws YaraSyntaxError {
        StringBuilder b = new StringBuilder();
        i++;
        while (true) {
            if (i >= src.length() || src.charAt(i) == '\n') throw new YaraSyntaxError(pos, "unterminated regular expression");
            char c = src.charAt(i++);
            if (c == '/') break;
            if (c == '\\' && i < src.length()) {
                char n = src.charAt(i++);
                if (n == '/') {
                    b.append('/');
                } else {
                    b.append('\\').append(n);
                }
                continue;
            }
            b.append(c);
        }
        int s = i;
        while (i < src.length() && (src.charAt(i) == 'i' || src.charAt(i) == 's')) i++;
        if (b.length() == 0) throw new YaraSyntaxError(pos, "empty regular expression");
        return new Token(Kind.REGEX, b.toString(), 0, 0, null, src.substring(s, i), pos);
    }
}
