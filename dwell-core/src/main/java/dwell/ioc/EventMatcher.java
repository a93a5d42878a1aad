package dwell.ioc;

import dwell.event.Event;
import dwell.event.FieldVisitor;
import dwell.net.IpAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Matches one event against an {@link IocIndex}: each field is read according to its roles (addresses parsed
 * and looked up, hosts walked up their parent domains, hash lists split, paths tested, text searched by the
 * automaton), the request URL is rebuilt from host, path and query, and types the event has no field for are
 * searched in the raw text. Not thread-safe: one matcher per event (cheap to create).
 */
final class EventMatcher implements FieldVisitor {
    private static final IocType[] TYPES = IocType.values();

    private final IocIndex ix;
    private final List<Hit> hits = new ArrayList<>(4);
    private int[] hitIds = new int[8];
    private int present;
    private String host;
    private String urlPath;
    private String urlQuery;

    EventMatcher(IocIndex ix) {
        this.ix = ix;
    }

    /** The anchors hit in the event (their further conditions not yet checked), at most one hit per indicator. */
    List<Hit> match(Event e) {
        e.forEachField(this);
        if (host != null && urlPath != null && !ix.urls.isEmpty()) rebuiltUrl();
        int fallback = 0;
        for (IocType t : TYPES) {
            int bit = 1 << t.ordinal();
            if ((ix.fallbackTypes & bit) != 0 && (ix.typeRoles[t.ordinal()] & present) == 0) fallback |= bit;
        }
        if (fallback != 0) {
            String raw = e.raw();
            if (raw != null && !raw.isEmpty()) {
                if ((fallback & ix.tokenTypes) != 0) tokens("raw", raw, fallback & ix.tokenTypes);
                if ((fallback & ix.automatonTypes) != 0) scanText("raw", raw, fallback & ix.automatonTypes);
            }
        }
        return hits;
    }

    /**
     * The indicators an evidence item itself matches: its path (archive members as {@code outer.zip/inner}) and
     * name against file indicators, its digests against hash indicators.
     */
    List<Hit> matchItem(String path, java.util.Map<HashKind, String> digests) {
        String p = path.replace("!/", "/");
        if (ix.fileNamesPresent) {
            paths("evidence-path", p);
            if ((ix.patternRoles & Role.bit(Role.PATH)) != 0) patterns("evidence-path", p, Role.bit(Role.PATH));
        }
        digests.forEach((k, hex) -> addAll(ix.hashes.get(hex), "file-" + k.name().toLowerCase(Locale.ROOT), hex));
        return hits;
    }

    @Override
    public void field(String name, String value) {
        if (value == null || value.isEmpty()) return;
        int roles = ix.placement.roles(name);
        if (roles == 0) return;
        present |= roles;
        if ((roles & Role.ADDRESSES) != 0) addresses(name, value, roles);
        if ((roles & Role.bit(Role.HOST)) != 0) host(name, value);
        if ((roles & Role.bit(Role.URL)) != 0 && !ix.urls.isEmpty()) url(name, value);
        if ((roles & Role.bit(Role.URL_PATH)) != 0) urlPath = value;
        if ((roles & Role.bit(Role.URL_QUERY)) != 0) urlQuery = value;
        if ((roles & Role.bit(Role.HASH)) != 0 && !ix.hashes.isEmpty()) hashes(name, value);
        if ((roles & Role.bit(Role.PATH)) != 0) paths(name, value);
        if ((roles & ix.patternRoles) != 0) patterns(name, value, roles);
        if ((roles & Role.SEARCHED) != 0) {
            int wanted = ix.searchedTypes[roles];
            if ((wanted & ix.tokenTypes) != 0) tokens(name, value, wanted & ix.tokenTypes);
            if ((wanted & ix.automatonTypes) != 0) scanText(name, value, wanted & ix.automatonTypes);
        }
    }

    private void addresses(String name, String value, int roles) {
        int n = value.length();
        int start = 0;
        for (int i = 0; i <= n; i++) {
            char c = i < n ? value.charAt(i) : ',';
            if (c == ',' || c == ' ' || c == ';') {
                if (i > start) address(name, value, start, i, roles);
                start = i + 1;
            }
        }
    }

    private void address(String name, String value, int from, int to, int roles) {
        IpAddress a = IpAddress.parseField(value, from, to);
        if (a == null) return;
        int[] ids = ix.ips.get(a);
        if (ids != null) {
            for (int id : ids) {
                if (Role.allows(((IocValue.Ip) ix.iocs[id].value()).direction(), roles)) add(id, name, value.substring(from, to));
            }
        }
        CidrTrie trie = a.v4() ? ix.v4 : ix.v6;
        trie.lookup(a, id -> {
            if (Role.allows(((IocValue.Range) ix.iocs[id].value()).direction(), roles)) add(id, name, value.substring(from, to));
        });
    }

    private void host(String name, String value) {
        String h = value.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) return;
        int colon = h.indexOf(':');
        if (colon >= 0) {
            if (h.indexOf(':', colon + 1) >= 0) return; // an IPv6 address, not a name
            h = h.substring(0, colon);
        }
        while (h.endsWith(".")) h = h.substring(0, h.length() - 1);
        if (h.isEmpty()) return;
        this.host = h;
        if (!ix.hostnames.isEmpty()) {
            addAll(ix.hostnames.get(h), name, value);
            int dot = h.indexOf('.');
            if (dot > 0) addAll(ix.hostnames.get(h.substring(0, dot)), name, value);
        }
        if (!ix.domains.isEmpty()) {
            int i = 0;
            while (true) {
                addAll(ix.domains.get(i == 0 ? h : h.substring(i)), name, value);
                int dot = h.indexOf('.', i);
                if (dot < 0) break;
                i = dot + 1;
            }
        }
    }

    private void url(String name, String value) {
        if (value.indexOf("://") < 0) return;
        NormalizedUrl.parse(value, true).ifPresent(u -> {
            addAll(ix.urls.get(u.key()), name, value);
            if (u.query() != null) addAll(ix.urls.get(u.keyWithoutQuery()), name, value);
        });
    }

    private void rebuiltUrl() {
        String q = urlQuery == null || urlQuery.equals("-") ? "" : "?" + urlQuery;
        String path = urlPath.startsWith("/") ? urlPath : "/" + urlPath;
        NormalizedUrl.parse(host + path + q, false).ifPresent(u -> {
            String shown = host + path + q;
            addAll(ix.urls.get(u.key()), "url", shown);
            if (u.query() != null) addAll(ix.urls.get(u.keyWithoutQuery()), "url", shown);
        });
    }

    private void hashes(String name, String value) {
        int n = value.length();
        int start = 0;
        for (int i = 0; i <= n; i++) {
            char c = i < n ? value.charAt(i) : ',';
            if (c == ',' || c == ';' || c == ' ') {
                hashPart(name, value, start, i);
                start = i + 1;
            }
        }
    }

    private void hashPart(String name, String value, int from, int to) {
        int eq = -1;
        for (int i = from; i < to; i++) {
            if (value.charAt(i) == '=') {
                eq = i;
                break;
            }
        }
        if (eq >= 0) {
            if (value.regionMatches(true, from, "IMPHASH", 0, 7)) return; // an import hash, not a file hash
            from = eq + 1;
        }
        int len = to - from;
        if (HashKind.ofLength(len) == null || !HashKind.isHex(value, from, to)) return;
        String hex = value.substring(from, to).toLowerCase(Locale.ROOT);
        addAll(ix.hashes.get(hex), name, hex);
    }

    private void paths(String name, String value) {
        if (!ix.fileNames.isEmpty()) {
            addAll(ix.fileNames.get(baseName(value).toLowerCase(Locale.ROOT)), name, value);
        }
        if (!ix.filePaths.isEmpty()) {
            String k = IocValue.FilePath.pathKey(value);
            if (!k.startsWith("\\")) addAll(ix.filePaths.get("\\" + k), name, value);
            for (int i = k.indexOf('\\'); i >= 0; i = k.indexOf('\\', i + 1)) {
                addAll(ix.filePaths.get(i == 0 ? k : k.substring(i)), name, value);
            }
        }
    }

    static String baseName(String p) {
        int i = Math.max(p.lastIndexOf('\\'), p.lastIndexOf('/'));
        return i < 0 ? p : p.substring(i + 1);
    }

    private void patterns(String name, String value, int roles) {
        String lower = null;
        if (ix.literals.patterns() > 0) {
            lower = value.toLowerCase(Locale.ROOT);
            String l = lower;
            ix.literals.scan(l, (p, end) -> {
                for (int id : ix.literalIocs[p]) testPattern(id, name, value, roles);
            });
        }
        for (int id : ix.unfiltered) testPattern(id, name, value, roles);
    }

    private void testPattern(int id, String name, String value, int roles) {
        IocValue.Pattern p = (IocValue.Pattern) ix.iocs[id].value();
        if ((ix.typeRoles[p.type().ordinal()] & roles) == 0 || seen(id)) return;
        boolean m;
        if (p.type() == IocType.FILE_NAME) {
            m = p.test(baseName(value));
        } else if (p.type() == IocType.FILE_PATH) {
            m = p.test(value) || value.indexOf('/') >= 0 && p.test(value.replace('/', '\\'));
        } else {
            m = p.test(value);
        }
        if (m) add(id, name, value);
    }

    /** Searches {@code text} with the automaton; a hit counts if its type is among {@code types}. */
    private void scanText(String name, String text, int types) {
        ix.text.scan(text, (p, end) -> {
            int id = ix.textIoc[p];
            if ((types & (1 << ix.iocs[id].type().ordinal())) == 0 || seen(id)) return;
            int start = end - ix.text.length(p);
            if (TextBounds.accept(ix.textBoundary[p], text, start, end, ix.textPattern[p])) {
                add(id, name, text.substring(start, end));
            }
        });
    }

    /**
     * Finds domains, addresses and e-mail addresses of {@code types} in free text: the text is split into
     * name-like tokens (letters, digits and {@code . - _ : @ +}), each looked up whole (addresses, e-mail) and at
     * each label boundary (domains, so a sub-domain matches and a longer name does not). Text holding percent
     * escapes is also searched decoded.
     */
    private void tokens(String name, String text, int types) {
        tokenize(name, text, types);
        if (text.indexOf('%') >= 0) {
            String decoded = percentDecoded(text);
            if (!decoded.equals(text)) tokenize(name, decoded, types);
        }
    }

    private void tokenize(String name, String text, int types) {
        int n = text.length();
        int i = 0;
        while (i < n) {
            while (i < n && !tokenChar(text.charAt(i))) i++;
            int start = i;
            boolean dot = false;
            int colons = 0;
            boolean at = false;
            while (i < n) {
                char c = text.charAt(i);
                if (!tokenChar(c)) break;
                if (c == '.') dot = true;
                else if (c == ':') colons++;
                else if (c == '@') at = true;
                i++;
            }
            if (i > start && (dot || colons >= 2)) token(name, text, start, i, types, colons, at);
        }
    }

    private static boolean tokenChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-' || c == '_'
                || c == ':' || c == '@' || c == '+' || c > 127 && Character.isLetterOrDigit(c);
    }

    private static final int IP_TYPES = 1 << IocType.IPV4.ordinal() | 1 << IocType.IPV6.ordinal() | 1 << IocType.CIDR.ordinal();

    private void token(String name, String text, int start, int end, int types, int colons, boolean at) {
        if (colons >= 2 && (types & IP_TYPES) != 0) {
            IpAddress a = IpAddress.parse(text, start, end);
            if (a != null) textAddress(name, a, text.substring(start, end));
        }
        if (at && (types & 1 << IocType.EMAIL.ordinal()) != 0 && !ix.emails.isEmpty()) {
            String t = text.substring(start, end);
            int colon = t.lastIndexOf(':', t.indexOf('@'));
            String e = ValueParser.email(colon >= 0 ? t.substring(colon + 1) : t);
            if (e != null) {
                while (e.endsWith(".")) e = e.substring(0, e.length() - 1);
                addAll(ix.emails.get(e), name, t);
            }
        }
        int seg = start;
        for (int i = start; i <= end; i++) {
            char c = i < end ? text.charAt(i) : ':';
            if (c == ':' || c == '@' || c == '+') {
                if (i > seg) segment(name, text, seg, i, types);
                seg = i + 1;
            }
        }
    }

    /** One dotted part of a token: an IPv4 address or a name. */
    private void segment(String name, String text, int from, int to, int types) {
        while (from < to && text.charAt(from) == '.') from++;
        while (to > from && text.charAt(to - 1) == '.') to--;
        if (to - from < 3) return;
        boolean numeric = true;
        boolean dot = false;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c == '.') dot = true;
            else if (c < '0' || c > '9') numeric = false;
        }
        if (!dot) return;
        if (numeric) {
            if ((types & IP_TYPES) != 0) {
                IpAddress a = IpAddress.parse(text, from, to);
                if (a != null) textAddress(name, a, text.substring(from, to));
            }
            return;
        }
        if ((types & 1 << IocType.DOMAIN.ordinal()) == 0 || ix.domains.isEmpty()) return;
        String h = text.substring(from, to).toLowerCase(Locale.ROOT);
        int i = 0;
        while (true) {
            addAll(ix.domains.get(i == 0 ? h : h.substring(i)), name, h);
            int d = h.indexOf('.', i);
            if (d < 0) break;
            i = d + 1;
        }
    }

    /** An address found in text: only indicators without a side (src/dst) can match, the text does not say. */
    private void textAddress(String name, IpAddress a, String shown) {
        int[] ids = ix.ips.get(a);
        if (ids != null) {
            for (int id : ids) {
                if (((IocValue.Ip) ix.iocs[id].value()).direction() == Direction.ANY) add(id, name, shown);
            }
        }
        (a.v4() ? ix.v4 : ix.v6).lookup(a, id -> {
            if (((IocValue.Range) ix.iocs[id].value()).direction() == Direction.ANY) add(id, name, shown);
        });
    }

    /** Decodes %XX escapes (as UTF-8); malformed escapes stay as they are. */
    static String percentDecoded(String s) {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream(s.length());
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && Character.digit(s.charAt(i + 1), 16) >= 0 && Character.digit(s.charAt(i + 2), 16) >= 0) {
                b.reset();
                while (i + 2 < s.length() && s.charAt(i) == '%' && Character.digit(s.charAt(i + 1), 16) >= 0
                        && Character.digit(s.charAt(i + 2), 16) >= 0) {
                    b.write(Character.digit(s.charAt(i + 1), 16) * 16 + Character.digit(s.charAt(i + 2), 16));
                    i += 3;
                }
                out.append(new String(b.toByteArray(), java.nio.charset.StandardCharsets.UTF_8));
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private void addAll(int[] ids, String name, String value) {
        if (ids == null) return;
        for (int id : ids) add(id, name, value);
    }

    private boolean seen(int id) {
        for (int i = 0; i < hits.size(); i++) {
            if (hitIds[i] == id) return true;
        }
        return false;
    }

    private void add(int id, String field, String matched) {
        if (seen(id)) return;
        if (hits.size() == hitIds.length) hitIds = java.util.Arrays.copyOf(hitIds, hitIds.length * 2);
        hitIds[hits.size()] = id;
        hits.add(new Hit(ix.iocs[id], field, matched, id));
    }
}
