package dwell.hunt;

import dwell.event.Event;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The indicators an event plainly shows: client addresses, user agents, accounts, requested paths, processes
 * and hashes, found under the field names the readers use (W3C, Exchange, Windows event data, JSON logs).
 */
public final class Indicators {
    private static final String[] IP = {"c-ip", "ClientIpAddress", "ClientIp", "client_ip", "remote_host", "IpAddress",
            "SourceIp", "SourceAddress", "src_ip", "OriginatingClientIp", "X-Forwarded-For", "ClientIPAddress"};
    private static final String[] USER_AGENT = {"cs(User-Agent)", "cs-user-agent", "UserAgent", "user_agent",
            "http_user_agent", "ClientInfoString"};
    private static final String[] ACCOUNT = {"cs-username", "AuthenticatedUser", "TargetUserName", "SubjectUserName",
            "User", "UserName", "remote_user", "Caller", "AnchorMailbox"};
    private static final String[] PATH = {"cs-uri-stem", "UrlStem", "path", "TargetFilename", "ImageLoaded"};
    private static final String[] PROCESS = {"Image", "NewProcessName"};
    private static final String[] HASH = {"Hashes", "sha256", "SHA256"};
    private static final Set<String> NOT_AN_ACCOUNT = Set.of("-", "", "system", "local service", "network service",
            "anonymous logon");

    private Indicators() {
    }

    /** Indicators of the event, de-duplicated, in a stable order (type by type, field order within). */
    public static List<Indicator> from(Event e) {
        Set<Indicator> out = new LinkedHashSet<>();
        add(e, IP, "ip", out);
        add(e, USER_AGENT, "user-agent", out);
        add(e, ACCOUNT, "account", out);
        add(e, PATH, "path", out);
        add(e, PROCESS, "process", out);
        for (String f : HASH) {
            String v = e.get(f);
            if (v == null) continue;
            for (String part : v.split(",")) {
                String p = part.trim();
                int eq = p.indexOf('=');
                String type = eq > 0 ? p.substring(0, eq).toLowerCase(Locale.ROOT) : "sha256";
                String val = eq > 0 ? p.substring(eq + 1) : p;
                if (!val.isEmpty() && val.matches("[0-9A-Fa-f]{32,128}")) out.add(new Indicator(type, val.toLowerCase(Locale.ROOT)));
            }
        }
        return new ArrayList<>(out);
    }

    /** True for a user or account name (not an anchor mailbox, URL or path that a field happens to hold). */
    public static boolean looksLikeAccount(String v) {
        if (v.length() > 128) return false;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '/' || c == '~' || c == '?' || c == '#' || c == ':' || c == '<' || c == '>' || Character.isWhitespace(c) && c != ' ') {
                return false;
            }
        }
        return !v.isBlank();
    }

    private static void add(Event e, String[] fields, String type, Set<Indicator> out) {
        for (String f : fields) {
            String v = e.get(f);
            if (v == null) continue;
            v = v.trim();
            if (v.isEmpty() || v.equals("-") || v.length() > 2048) continue;
            if (type.equals("account") && (NOT_AN_ACCOUNT.contains(v.toLowerCase(Locale.ROOT)) || !looksLikeAccount(v))) continue;
            if (type.equals("ip")) {
                for (String ip : v.split("[,\\s]+")) if (!ip.isEmpty() && !ip.equals("-")) out.add(new Indicator(type, ip));
                continue;
            }
            if (type.equals("user-agent")) v = v.replace('+', ' ');
            out.add(new Indicator(type, v));
        }
    }
}
