package dwell.cli;

/** Escapes text for troff input with the man(7) macros, so that no character of it acts as a request or escape. */
final class Troff {
    private Troff() {
    }

    /**
     * Text as troff input lines: backslashes, hyphens, quotes and non-ASCII characters escaped, and a line that
     * would start with a control character ({@code .} or {@code '}) guarded, since troff reads it as a request.
     */
    static String text(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        boolean lineStart = true;
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            if (c == '\n') {
                b.append('\n');
                lineStart = true;
                continue;
            }
            if (lineStart && c == '.') b.append("\\&");
            lineStart = false;
            b.append(character(c));
        }
        return b.toString();
    }

    /** A macro argument: quoted, as it may hold spaces; troff has no escape for a quote inside quotes but \(dq. */
    static String argument(String s) {
        return '"' + text(s).replace("\"", "\\(dq").replace("\n", " ") + '"';
    }

    /** Bold text, back to roman after it. */
    static String bold(String s) {
        return "\\fB" + text(s) + "\\fR";
    }

    /** Italic text (a placeholder), back to roman after it. */
    static String italic(String s) {
        return "\\fI" + text(s) + "\\fR";
    }

    private static String character(int c) {
        return switch (c) {
            case '\\' -> "\\e";
            // a hyphen-minus: troff's "-" is a typographic hyphen, which does not paste as an option's dash
            case '-' -> "\\-";
            // typeset as curly quotes otherwise, and a leading one would be a request
            case '\'' -> "\\(aq";
            case '`' -> "\\(ga";
            default -> {
                if (c < 0x20 || c == 0x7f) {
                    throw new IllegalArgumentException(String.format("control character U+%04X has no troff form", c));
                }
                // groff reads its input as Latin-1: anything past ASCII goes by its Unicode name
                yield c < 0x80 ? String.valueOf((char) c) : String.format("\\[u%04X]", c);
            }
        };
    }
}
