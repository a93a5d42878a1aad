package dwell.yara;

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

    /** Single-character symbols, in the order of {@link #SINGLE}. */
    private static final String SINGLE_CHARS = "<>=()[]{}:,+-*\\%&|^~./";
    private static final String[] SINGLE = new String[SINGLE_CHARS.length()];

    static {
        for (int k = 0; k < SINGLE.length; k++) SINGLE[k] = SINGLE_CHARS.substring(k, k + 1);
    }

    // the source as a char array: a rule file is lexed once per run, mostly by a cold JVM's interpreter, where
    // an array load is far cheaper than String.charAt's call chain
    private final char[] src;
    private final int n;
    private final String file;
    private int i;
    private int line = 1;
    private int lineStart;

    Lexer(String src, String file) {
        this.src = src.toCharArray();
        this.n = this.src.length;
        this.file = file;
    }

    List<Token> tokens() throws YaraSyntaxError {
        List<Token> out = new ArrayList<>();
        Token prev = null;
        do {
            prev = token(prev);
            out.add(prev);
        } while (prev.kind() != Kind.EOF);
        return out;
    }

    /**
     * The next token, {@code prev} the one before it (null at the start). One call per token, so that a cold JVM
     * compiles this body after a few hundred tokens: a single loop over a whole file would run interpreted until
     * on-stack replacement, which takes tens of thousands of iterations.
     */
    private Token token(Token prev) throws YaraSyntaxError {
        skipSpace();
        Ast.Pos pos = pos();
        if (i >= n) return new Token(Kind.EOF, "<end of file>", 0, 0, null, null, pos);
        boolean patternContext = prev != null && (prev.is("=") || prev.is("matches"));
        char c = src[i];
        if (patternContext && c == '{' && prev.is("=")) return hex(pos);
        if (patternContext && c == '/') return regex(pos);
        if (c == '"') return text(pos);
        if (Character.isDigit(c)) return number(pos);
        if (c == '$' || c == '#' || c == '@' || (c == '!' && i + 1 < n && isIdStart(src[i + 1]))) {
            return stringRef(pos, c);
        }
        if (isIdStart(c)) {
            int s = i;
            while (i < n && isIdPart(src[i])) i++;
            return new Token(Kind.IDENT, substring(s, i), 0, 0, null, null, pos);
        }
        String sym = symbol(c, i + 1 < n ? src[i + 1] : 0);
        if (sym == null) throw new YaraSyntaxError(pos, "unexpected character '" + c + "'");
        i += sym.length();
        return new Token(Kind.SYMBOL, sym, 0, 0, null, null, pos);
    }

    /** The symbol starting with {@code c} followed by {@code d}, the longest first; null if none. */
    private static String symbol(char c, char d) {
        String two = switch (c) {
            case '.' -> d == '.' ? ".." : null;
            case '=' -> d == '=' ? "==" : null;
            case '!' -> d == '=' ? "!=" : null;
            case '<' -> d == '=' ? "<=" : d == '<' ? "<<" : null;
            case '>' -> d == '=' ? ">=" : d == '>' ? ">>" : null;
            default -> null;
        };
        if (two != null) return two;
        int k = SINGLE_CHARS.indexOf(c);
        return k < 0 ? null : SINGLE[k];
    }

    private boolean startsWith(String prefix, int at) {
        if (at + prefix.length() > n) return false;
        for (int k = 0; k < prefix.length(); k++) {
            if (src[at + k] != prefix.charAt(k)) return false;
        }
        return true;
    }

    /** Where the end of a comment, {@code *}{@code /}, starts at or after {@code from}; -1 if nowhere. */
    private int commentEnd(int from) {
        for (int k = from; k + 1 < n; k++) {
            if (src[k] == '*' && src[k + 1] == '/') return k;
        }
        return -1;
    }

    private String substring(int from, int to) {
        return new String(src, from, to - from);
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
        while (i < n) {
            char c = src[i];
            if (c == '\n') {
                newline();
                i++;
            } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\u000b') {
                i++;
            } else if (c != '/') {
                return;
            } else if (startsWith("//", i)) {
                while (i < n && src[i] != '\n') i++;
            } else if (startsWith("/*", i)) {
                Ast.Pos p = pos();
                int end = commentEnd(i + 2);
                if (end < 0) throw new YaraSyntaxError(p, "unterminated comment");
                for (int k = i; k < end; k++) {
                    if (src[k] == '\n') {
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
        while (i < n && isIdPart(src[i])) i++;
        if (sigil == '$' && i < n && src[i] == '*') i++;
        Kind k = switch (sigil) {
            case '$' -> Kind.STRING_ID;
            case '#' -> Kind.COUNT_ID;
            case '@' -> Kind.OFFSET_ID;
            default -> Kind.LENGTH_ID;
        };
        return new Token(k, "$" + substring(s + 1, i), 0, 0, null, null, pos);
    }

    private Token number(Ast.Pos pos) throws YaraSyntaxError {
        int s = i;
        long v;
        if (startsWith("0x", i) || startsWith("0X", i)) {
            i += 2;
            int d = i;
            while (i < n && Character.digit(src[i], 16) >= 0) i++;
            v = parse(substring(d, i), 16, pos);
        } else if (startsWith("0o", i)) {
            i += 2;
            int d = i;
            while (i < n && Character.digit(src[i], 8) >= 0) i++;
            v = parse(substring(d, i), 8, pos);
        } else {
            while (i < n && Character.isDigit(src[i])) i++;
            if (i + 1 < n && src[i] == '.' && Character.isDigit(src[i + 1])) {
                i++;
                while (i < n && Character.isDigit(src[i])) i++;
                return new Token(Kind.FLOAT, substring(s, i), 0, Double.parseDouble(substring(s, i)), null, null, pos);
            }
            v = parse(substring(s, i), 10, pos);
        }
        if (startsWith("KB", i)) {
            v *= 1024;
            i += 2;
        } else if (startsWith("MB", i)) {
            v *= 1024 * 1024;
            i += 2;
        }
        if (i < n && isIdPart(src[i])) throw new YaraSyntaxError(pos, "invalid number");
        return new Token(Kind.INT, substring(s, i), v, 0, null, null, pos);
    }

    private static long parse(String digits, int radix, Ast.Pos pos) throws YaraSyntaxError {
        try {
            return Long.parseLong(digits, radix);
        } catch (NumberFormatException e) {
            throw new YaraSyntaxError(pos, "invalid number '" + digits + "'");
        }
    }

    /** The bytes of the text string being read (reused from string to string) and how many are in use. */
    private byte[] textBytes = new byte[256];
    private int textLength;

    private void put(int b) {
        if (textLength == textBytes.length) textBytes = java.util.Arrays.copyOf(textBytes, textLength * 2);
        textBytes[textLength++] = (byte) b;
    }

    private Token text(Ast.Pos pos) throws YaraSyntaxError {
        textLength = 0;
        int start = i++;
        while (true) {
            if (i >= n || src[i] == '\n') throw new YaraSyntaxError(pos, "unterminated string");
            char c = src[i++];
            if (c == '"') break;
            if (c != '\\') {
                put(c);
                continue;
            }
            if (i >= n) throw new YaraSyntaxError(pos, "unterminated string");
            char e = src[i++];
            switch (e) {
                case 'n' -> put('\n');
                case 't' -> put('\t');
                case 'r' -> put('\r');
                case '"' -> put('"');
                case '\\' -> put('\\');
                case 'x' -> {
                    int h1 = i < n ? Character.digit(src[i], 16) : -1;
                    int h2 = i + 1 < n ? Character.digit(src[i + 1], 16) : -1;
                    if (h1 < 0 || h2 < 0) throw new YaraSyntaxError(pos, "invalid \\x escape in string");
                    put(h1 * 16 + h2);
                    i += 2;
                }
                default -> throw new YaraSyntaxError(pos, "illegal escape sequence \\" + e);
            }
        }
        return new Token(Kind.TEXT, substring(start, i), 0, 0, java.util.Arrays.copyOf(textBytes, textLength), null, pos);
    }

    private Token hex(Ast.Pos pos) throws YaraSyntaxError {
        int end = i + 1;
        StringBuilder body = new StringBuilder();
        while (true) {
            if (end >= n) throw new YaraSyntaxError(pos, "unterminated hex string");
            char c = src[end];
            if (c == '}') break;
            if (startsWith("//", end)) {
                while (end < n && src[end] != '\n') end++;
                continue;
            }
            if (startsWith("/*", end)) {
                int e = commentEnd(end + 2);
                if (e < 0) throw new YaraSyntaxError(pos, "unterminated comment");
                for (int k = end; k < e; k++) if (src[k] == '\n') body.append('\n');
                end = e + 2;
                continue;
            }
            body.append(c);
            end++;
        }
        for (int k = i; k < end; k++) {
            if (src[k] == '\n') {
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
            if (i >= n || src[i] == '\n') throw new YaraSyntaxError(pos, "unterminated regular expression");
            char c = src[i++];
            if (c == '/') break;
            if (c == '\\' && i < n) {
                char n = src[i++];
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
        while (i < n && (src[i] == 'i' || src[i] == 's')) i++;
        if (b.length() == 0) throw new YaraSyntaxError(pos, "empty regular expression");
        return new Token(Kind.REGEX, b.toString(), 0, 0, null, substring(s, i), pos);
    }
}
