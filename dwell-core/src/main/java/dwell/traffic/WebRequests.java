package dwell.traffic;

import dwell.event.Event;
import dwell.event.Provenance;
import dwell.traffic.TrafficConfig.AuthMarkers;
import dwell.traffic.TrafficConfig.Fields;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Reads web log events as {@link WebRequest}s, by the fields and markers of {@code web-logs.yaml}. */
public final class WebRequests {
    private static final String NO_HOST = "-";
    private final Map<String, Fields> formats;
    private final AuthMarkers auth;
    private final Set<String> notAccounts = new HashSet<>();
    private final Set<String> ambiguous = new HashSet<>();
    /** Item to its folder's name: bounded by the items read. */
    private final Map<String, String> folders = new ConcurrentHashMap<>();
    /** Item to the name of the series its requests count in, asked for every request: bounded by the items read. */
    private final Map<String, SeriesName> seriesNames = new ConcurrentHashMap<>();
    /** The OWA form login's paths, and the statuses of a refused request: asked for every request, so kept cheap to ask. */
    private final List<String> formPaths;
    private final boolean[] failureStatus = new boolean[1000];

    public WebRequests(TrafficConfig.WebLogs logs) {
        this.formats = new HashMap<>(logs.formats());
        this.auth = logs.auth();
        for (String a : auth.notAccounts()) notAccounts.add(a.toLowerCase(Locale.ROOT));
        for (String p : auth.ambiguousPaths()) ambiguous.add(p.toLowerCase(Locale.ROOT));
        this.formPaths = auth.formFailures().stream().map(TrafficConfig.FormFailure::path).toList();
        for (int status : auth.failureStatus()) {
            if (status < 100 || status >= failureStatus.length) throw new IllegalArgumentException("failure_status " + status + " is no HTTP status");
            failureStatus[status] = true;
        }
    }

    /** True when events of this format are web requests. */
    public boolean reads(String format) {
        return formats.containsKey(format);
    }

    /**
     * What the first pass counts of a request: its series, virtual directory and whether it was answered 5xx; and
     * whether it may be a failed authentication (then it is read whole). Cheaper than {@link #read}: per request.
     */
    public record Count(String series, String vdir, boolean serverError, boolean mayFail) {
    }

    /** The count of an event, or null when the event is no web request or has no time. */
    public Count count(Event e) {
        if (e.format() == null || e.time() == null) return null;
        Fields f = formats.get(e.format().id());
        if (f == null) return null;
        String path = value(e.get(f.path()));
        if (path == null) path = "/";
        int status = number(e.get(f.status()));
        boolean mayFail = status >= 0 && status < failureStatus.length && failureStatus[status] || isFormPath(path);
        return new Count(series(e, f), vdir(path), status >= 500 && status <= 599, mayFail);
    }

    /** The request an event records, or null when the event is no web request or has no time. */
    public WebRequest read(Event e) {
        if (e.format() == null || e.time() == null) return null;
        String format = e.format().id();
        Fields f = formats.get(format);
        if (f == null) return null;
        String path = value(e.get(f.path()));
        if (path == null) path = "/";
        String query = f.query() == null ? null : value(e.get(f.query()));
        int status = number(e.get(f.status()));
        String source = first(e, f.source());
        String account = account(e, f, query);
        Outcome outcome = outcome(e, f, path, query, status, account);
        String series = series(e, f);
        return new WebRequest(e.time(), format, series.substring(format.length() + 1), vdir(path), path,
                source == null ? "-" : source, account,
                account == null ? null : accountKey(account), status, first(e, f.userAgent()), outcome);
    }

    private boolean isFormPath(String path) {
        for (String p : formPaths) {
            if (p.equalsIgnoreCase(path)) return true;
        }
        return false;
    }

    private Outcome outcome(Event e, Fields f, String path, String query, int status, String account) {
        String lowerPath = path.toLowerCase(Locale.ROOT);
        if (ambiguous.contains(lowerPath)) return Outcome.NONE;
        for (TrafficConfig.FormFailure ff : auth.formFailures()) {
            if (lowerPath.equals(ff.path().toLowerCase(Locale.ROOT)) && query != null
                    && containsIgnoreCase(query, ff.query())) {
                return Outcome.FAILURE;
            }
        }
        if (auth.failureStatus().contains(status)) {
            if (f.substatus() != null && auth.notFailureSubstatus().contains(number(e.get(f.substatus())))) return Outcome.NONE;
            if (f.win32() != null && auth.notFailureWin32().contains(longNumber(e.get(f.win32())))) return Outcome.NONE;
            return f.failureSchemes() == null || schemeIn(e.get(f.failureSchemes().field()), f.failureSchemes().values())
                    ? Outcome.FAILURE : Outcome.NONE;
        }
        return account != null && status > 0 && status < auth.successBelow() ? Outcome.SUCCESS : Outcome.NONE;
    }

    private static boolean schemeIn(String scheme, List<String> schemes) {
        if (scheme == null) return false;
        for (String s : schemes) {
            if (s.equalsIgnoreCase(scheme.strip())) return true;
        }
        return false;
    }

    private String account(Event e, Fields f, String query) {
        for (String name : f.account()) {
            String v = accountValue(e.get(name));
            if (v != null) return v;
        }
        if (query == null) return null;
        for (String p : auth.accountQueryParameters()) {
            String v = accountValue(parameter(query, p));
            if (v != null) return v;
        }
        return null;
    }

    /** The account a logged value names, prefixes like HttpProxy's {@code SMTP:} removed; null when it names none. */
    private String accountValue(String raw) {
        String v = value(raw);
        if (v == null) return null;
        boolean prefixed = false;
        for (String prefix : auth.accountPrefixes()) {
            if (v.regionMatches(true, 0, prefix, 0, prefix.length())) {
                v = v.substring(prefix.length());
                prefixed = true;
                break;
            }
        }
        // an AnchorMailbox that is not an SMTP address (Sid~, ServerInfo~, DatabaseGuid~) names no account
        if (!prefixed && v.indexOf('~') >= 0) return null;
        v = v.strip();
        return v.isEmpty() || notAccounts.contains(v.toLowerCase(Locale.ROOT)) ? null : v;
    }

    /**
     * The form of an account that compares equal however a log wrote it: {@code CONTOSO\j.smith},
     * {@code j.smith@contoso.local} and {@code J.Smith} are one account.
     */
    public static String accountKey(String account) {
        String a = account;
        int slash = a.lastIndexOf('\\');
        if (slash >= 0) a = a.substring(slash + 1);
        int at = a.indexOf('@');
        if (at > 0) a = a.substring(0, at);
        return a.toLowerCase(Locale.ROOT);
    }

    /** A series' name as an item last gave it: recomputed only when the item's host or site changes. */
    private record SeriesName(String host, String site, String name) {
    }

    /** {@code format host/site}: the host that logged the request and its site, or the item's folder when unnamed. */
    private String series(Event e, Fields f) {
        String host = e.host();
        String site = f.site() == null ? null : e.get(f.site());
        String item = e.provenance() == null ? "" : e.provenance().item();
        SeriesName known = seriesNames.get(item);
        if (known != null && Objects.equals(known.host(), host) && Objects.equals(known.site(), site)) return known.name();
        String h = host == null || host.isEmpty() || host.equals("-") ? NO_HOST : host;
        String s = value(site);
        String name = e.format().id() + " " + h + "/" + (s != null ? s : folder(e.provenance()));
        seriesNames.put(item, new SeriesName(host, site, name));
        return name;
    }

    /**
     * The folder an item lies in, which names the site when the log does not: IIS logs lie in {@code W3SVC<site id>},
     * HttpProxy logs in a folder per protocol ({@code Eas}, {@code Owa}...).
     */
    private String folder(Provenance p) {
        if (p == null || p.item() == null) return "-";
        return folders.computeIfAbsent(p.item(), WebRequests::parentName);
    }

    static String parentName(String item) {
        int end = lastSeparator(item, item.length());
        if (end <= 0) return "-";
        String name = item.substring(lastSeparator(item, end) + 1, end);
        // a member at an archive's root lies, for this purpose, in the folder holding the archive
        if (name.endsWith("!")) return parentName(item.substring(0, end - 1));
        return name.isEmpty() ? "-" : name;
    }

    private static int lastSeparator(String s, int before) {
        return Math.max(s.lastIndexOf('/', before - 1), s.lastIndexOf('\\', before - 1));
    }

    /** The first path segment, lower case: {@code /owa}, {@code /microsoft-server-activesync}, or {@code /}. */
    static String vdir(String path) {
        int start = path.startsWith("/") ? 1 : 0;
        int end = path.indexOf('/', start);
        String seg = end < 0 ? path.substring(start) : path.substring(start, end);
        if (end < 0 && seg.indexOf('.') >= 0) return "/";
        return ("/" + seg).toLowerCase(Locale.ROOT);
    }

    /** A URL query parameter's value (its first occurrence, name case-insensitive, not URL-decoded), or null. */
    static String parameter(String query, String name) {
        int i = 0;
        while (i <= query.length()) {
            int amp = query.indexOf('&', i);
            if (amp < 0) amp = query.length();
            int eq = query.indexOf('=', i);
            if (eq > i && eq < amp && eq - i == name.length() && query.regionMatches(true, i, name, 0, name.length())) {
                return query.substring(eq + 1, amp);
            }
            i = amp + 1;
        }
        return null;
    }

    private static String first(Event e, List<String> names) {
        for (String n : names) {
            String v = value(e.get(n));
            if (v != null) return v;
        }
        return null;
    }

    private static String value(String v) {
        return v == null || v.isEmpty() || v.equals("-") ? null : v;
    }

    private static boolean containsIgnoreCase(String s, String part) {
        for (int i = 0; i + part.length() <= s.length(); i++) {
            if (s.regionMatches(true, i, part, 0, part.length())) return true;
        }
        return false;
    }

    private static int number(String s) {
        long v = longNumber(s);
        return v > Integer.MAX_VALUE ? -1 : (int) v;
    }

    private static long longNumber(String s) {
        if (s == null || s.isEmpty() || s.length() > 18) return -1;
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return -1;
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
