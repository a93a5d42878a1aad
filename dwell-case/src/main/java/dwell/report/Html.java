package dwell.report;

import dwell.text.SafeText;

/**
 * Escaping for text that came from evidence: every such string passes here before it reaches a page, its hidden
 * characters (controls, bidi overrides...) shown as escapes ({@link SafeText#visibleLines}).
 */
public final class Html {
    private Html() {
    }

    /** Escapes for HTML text and quoted attribute values. */
    public static String esc(String text) {
        if (text == null) return "";
        String s = SafeText.visibleLines(text);
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
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
