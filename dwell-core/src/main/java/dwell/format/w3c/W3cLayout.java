package dwell.format.w3c;

import dwell.event.LogSource;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The field layout named by one {@code #Fields:} directive, shared by every event it describes.
 * Header-style names such as {@code cs(User-Agent)} are also reachable under the Sigma webserver
 * taxonomy's spelling ({@code cs-user-agent}), and {@code cs-uri} is the stem joined with the query.
 */
final class W3cLayout {
    final String item;
    final LogSource logSource;
    final String[] names;
    private final Map<String, Integer> index;
    final int date;
    final int time;
    final int host;
    /** {@code cs-uri-stem} and {@code cs-uri-query} when the layout has no {@code cs-uri} of its own, else -1. */
    final int uriStem;
    final int uriQuery;

    W3cLayout(String item, LogSource logSource, String[] names) {
        this.item = item;
        this.logSource = logSource;
        this.names = names;
        this.index = new HashMap<>(names.length * 4);
        for (int i = 0; i < names.length; i++) index.putIfAbsent(names[i], i);
        for (int i = 0; i < names.length; i++) {
            String alias = taxonomyName(names[i]);
            if (alias != null) index.putIfAbsent(alias, i);
        }
        this.date = indexOf("date");
        this.time = indexOf("time");
        this.host = indexOf("s-computername");
        boolean derive = indexOf("cs-uri") < 0;
        this.uriStem = derive ? indexOf("cs-uri-stem") : -1;
        this.uriQuery = derive ? indexOf("cs-uri-query") : -1;
    }

    /** {@code cs(User-Agent)} is {@code cs-user-agent}: the prefix, a dash, the header name in lower case. */
    static String taxonomyName(String name) {
        int open = name.indexOf('(');
        if (open <= 0 || !name.endsWith(")")) return null;
        return name.substring(0, open) + "-" + name.substring(open + 1, name.length() - 1).toLowerCase(Locale.ROOT);
    }

    int indexOf(String field) {
        Integer i = index.get(field);
        return i == null ? -1 : i;
    }

    boolean sameNames(String[] other) {
        return Arrays.equals(names, other);
    }
}
