package dwell.ioc;

import dwell.event.Event;
import dwell.event.FieldVisitor;
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
        for (IocType t : IocType.values()) {
            int bit = 1 << t.ordinal();
            if ((ix.fallbackTypes & bit) != 0 && (ix.typeRoles[t.ordinal()] & present) == 0) fallback |= bit;
        }
        if (fallback != 0) {
            String raw = e.raw();
            if (raw != null && !raw.isEmpty()) scanText("raw", raw, 0, fallback);
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
        if ((roles & Role.SEARCHED) != 0 && ix.text.patterns() > 0) scanText(name, value, roles, 0);
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

    /** Searches {@code text}; a hit counts if its type is looked for in these roles, or is in {@code rawTypes}. */
    private void scanText(String name, String text, int roles, int rawTypes) {
        ix.text.scan(text, (p, end) -> {
            int id = ix.textIoc[p];
            IocType t = ix.iocs[id].type();
            boolean wanted = rawTypes != 0
                    ? (rawTypes & (1 << t.ordinal())) != 0
                    : (ix.typeRoles[t.ordinal()] & roles & Role.SEARCHED) != 0;
            if (!wanted || seen(id)) return;
            int start = end - ix.text.length(p);
            if (TextBounds.accept(ix.textBoundary[p], text, start, end, ix.textPattern[p])) {
                add(id, name, text.substring(start, end));
            }
        });
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
