package dwell.cli.report;

/** Escaping for text that came from evidence: every such string passes here before it reaches a page. */
final class Html {
    private Html() {
    }

    /** Escapes for HTML text and quoted attribute values. */
    static String esc(String s) {
        if (s == null) return "";
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                case '`' -> b.append("&#96;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\t') b.append("&#xfffd;"); else b.append(c);
                }
            }
        }
        return b.toString();
    }

    /**
     * Makes JSON safe inside a {@code <script type="application/json">} block: no {@code </script>}, no
     * comment openers, no line separators that old parsers choke on.
     */
    static String jsonInScript(String json) {
        StringBuilder b = new StringBuilder(json.length() + 64);
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            switch (c) {
                case '<' -> b.append("\\u003c");
                case '>' -> b.append("\\u003e");
                case '&' -> b.append("\\u0026");
                case '\u2028' -> b.append("\\u2028");
                case '\u2029' -> b.append("\\u2029");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
