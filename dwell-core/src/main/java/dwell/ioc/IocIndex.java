package dwell.ioc;

import dwell.net.IpAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Indicators arranged for matching at scale: exact values (addresses, domains, host names, e-mail addresses,
 * URLs, hashes, file names and paths) in hash maps, address ranges in radix tries, every substring indicator
 * (URLs, user agents, keywords) in one Aho-Corasick automaton, and patterns behind a literal prefilter
 * automaton. In free text, domains, addresses and e-mail addresses are found by splitting the text into
 * name-like tokens and looking each up (a domain at each of its label boundaries): that is what their edges
 * mean, and it costs a hash lookup per token instead of an automaton step per character. Immutable, so shared
 * by all scan threads. Entries map to indicator numbers ({@link #ioc(int)}).
 */
final class IocIndex {
    /** How the characters around a substring hit must look for it to count. */
    enum Boundary { NONE, URL, CASE_SENSITIVE }

    final FieldPlacement placement;
    final Ioc[] iocs;
    final Map<IpAddress, int[]> ips = new HashMap<>();
    final CidrTrie v4;
    final CidrTrie v6;
    final Map<String, int[]> domains = new HashMap<>();
    final Map<String, int[]> hostnames = new HashMap<>();
    final Map<String, int[]> urls = new HashMap<>();
    final Map<String, int[]> emails = new HashMap<>();
    final Map<String, int[]> hashes = new HashMap<>();
    final Map<String, int[]> fileNames = new HashMap<>();
    final Map<String, int[]> filePaths = new HashMap<>();
    final AhoCorasick text;
    final int[] textIoc;
    final Boundary[] textBoundary;
    final String[] textPattern;
    final AhoCorasick literals;
    final int[][] literalIocs;
    final int[] unfiltered;
    /** Roles in which some pattern indicator is looked for. */
    final int patternRoles;
    /** Bit per {@link IocType} ordinal: types present that fall back to raw text. */
    final int fallbackTypes;
    /** Bit per type ordinal: types present found by tokens in text (domains, addresses, ranges, e-mail). */
    final int tokenTypes;
    /** Bit per type ordinal: types present found by the automaton (URLs, user agents, keywords). */
    final int automatonTypes;
    /** Per role mask, the present types searched in a field of those roles. */
    final int[] searchedTypes;
    /** Per type ordinal, the roles it is looked for in. */
    final int[] typeRoles;
    final boolean hasKeywords;
    final boolean[] fileHashes = new boolean[HashKind.values().length];
    final boolean fileNamesPresent;

    public IocIndex(List<Ioc> list, FieldPlacement placement) {
        this.placement = placement;
        this.iocs = list.toArray(new Ioc[0]);
        typeRoles = new int[IocType.values().length];
        for (IocType t : IocType.values()) typeRoles[t.ordinal()] = placement.rolesOf(t);
        CidrTrie.Builder b4 = new CidrTrie.Builder();
        CidrTrie.Builder b6 = new CidrTrie.Builder();
        AhoCorasick.Builder ac = new AhoCorasick.Builder();
        List<Integer> acIoc = new ArrayList<>();
        List<Boundary> acBoundary = new ArrayList<>();
        List<String> acPattern = new ArrayList<>();
        AhoCorasick.Builder lit = new AhoCorasick.Builder();
        Map<String, Integer> litIds = new HashMap<>();
        List<List<Integer>> litIocs = new ArrayList<>();
        List<Integer> noLiteral = new ArrayList<>();
        int pRoles = 0;
        int fb = 0;
        boolean keywords = false;
        boolean names = false;
        for (int i = 0; i < iocs.length; i++) {
            IocValue v = iocs[i].value();
            if (placement.rawFallback(v.type())) fb |= 1 << v.type().ordinal();
            if (v instanceof IocValue.Ip ip) {
                put(ips, ip.address(), i);
            } else if (v instanceof IocValue.Range r) {
                (r.cidr().base().v4() ? b4 : b6).add(r.cidr(), i);
            } else if (v instanceof IocValue.Domain d) {
                put(domains, d.name(), i);
            } else if (v instanceof IocValue.Hostname h) {
                put(hostnames, h.name(), i);
            } else if (v instanceof IocValue.Url u) {
                put(urls, u.url().key(), i);
                addText(ac, acIoc, acBoundary, acPattern, u.url().key(), i, Boundary.URL);
            } else if (v instanceof IocValue.Email e) {
                put(emails, e.address(), i);
            } else if (v instanceof IocValue.Hash h) {
                put(hashes, h.hex(), i);
                fileHashes[h.kind().ordinal()] = true;
            } else if (v instanceof IocValue.FileName f) {
                put(fileNames, f.key(), i);
                names = true;
            } else if (v instanceof IocValue.FilePath f) {
                String k = f.key();
                put(filePaths, k.startsWith("\\") ? k : "\\" + k, i);
                names = true;
            } else if (v instanceof IocValue.UserAgent ua) {
                addText(ac, acIoc, acBoundary, acPattern, ua.text(), i, Boundary.NONE);
                if (ua.text().indexOf(' ') >= 0) {
                    // IIS writes spaces in cs(User-Agent) as '+'
                    addText(ac, acIoc, acBoundary, acPattern, ua.text().replace(' ', '+'), i, Boundary.NONE);
                }
            } else if (v instanceof IocValue.Keyword k) {
                addText(ac, acIoc, acBoundary, acPattern, k.text(), i, Boundary.CASE_SENSITIVE);
                keywords = true;
            } else if (v instanceof IocValue.Pattern p) {
                pRoles |= placement.rolesOf(p.type());
                if (p.type() == IocType.FILE_NAME || p.type() == IocType.FILE_PATH) names = true;
                String l = p.pattern().literal();
                if (l.isEmpty()) {
                    noLiteral.add(i);
                } else {
                    Integer id = litIds.get(l);
                    if (id == null) {
                        id = lit.add(l);
                        litIds.put(l, id);
                        litIocs.add(new ArrayList<>());
                    }
                    litIocs.get(id).add(i);
                }
            } else if (v instanceof IocValue.Port) {
                throw new IllegalArgumentException("a port alone cannot be matched: " + iocs[i].source().where());
            }
        }
        v4 = b4.build();
        v6 = b6.build();
        text = ac.build();
        textIoc = acIoc.stream().mapToInt(Integer::intValue).toArray();
        textBoundary = acBoundary.toArray(new Boundary[0]);
        textPattern = acPattern.toArray(new String[0]);
        literals = lit.build();
        literalIocs = new int[litIocs.size()][];
        for (int k = 0; k < literalIocs.length; k++) literalIocs[k] = litIocs.get(k).stream().mapToInt(Integer::intValue).toArray();
        unfiltered = noLiteral.stream().mapToInt(Integer::intValue).toArray();
        patternRoles = pRoles;
        fallbackTypes = fb;
        int tok = 0;
        int auto = 0;
        for (Ioc ioc : iocs) {
            IocType t = ioc.type();
            if (ioc.value() instanceof IocValue.Pattern) continue;
            int bit = 1 << t.ordinal();
            switch (t) {
                case IPV4, IPV6, CIDR, DOMAIN, EMAIL -> tok |= bit;
                case URL, USER_AGENT, KEYWORD -> auto |= bit;
                default -> {
                }
            }
        }
        tokenTypes = tok;
        automatonTypes = auto;
        int roleCount = Role.values().length;
        searchedTypes = new int[1 << roleCount];
        for (int m = 0; m < searchedTypes.length; m++) {
            int w = 0;
            for (IocType t : IocType.values()) {
                int bit = 1 << t.ordinal();
                if (((tok | auto) & bit) != 0 && (typeRoles[t.ordinal()] & m & Role.SEARCHED) != 0) w |= bit;
            }
            searchedTypes[m] = w;
        }
        hasKeywords = keywords;
        fileNamesPresent = names;
    }

    private static void addText(AhoCorasick.Builder ac, List<Integer> iocIds, List<Boundary> bounds, List<String> pats,
                                String pattern, int ioc, Boundary b) {
        if (pattern.isEmpty()) return;
        ac.add(pattern);
        iocIds.add(ioc);
        bounds.add(b);
        pats.add(pattern);
    }

    private static <K> void put(Map<K, int[]> m, K key, int id) {
        int[] old = m.get(key);
        if (old == null) {
            m.put(key, new int[] {id});
        } else {
            int[] n = Arrays.copyOf(old, old.length + 1);
            n[old.length] = id;
            m.put(key, n);
        }
    }

    public int size() {
        return iocs.length;
    }

    public Ioc ioc(int i) {
        return iocs[i];
    }

    /** True if some indicator is a file hash of this kind (so evidence files need that digest). */
    public boolean needsFileHash(HashKind k) {
        return fileHashes[k.ordinal()];
    }

    /** True if evidence items are worth showing to this index (file hashes or names/paths present). */
    public boolean matchesItems() {
        return fileNamesPresent || fileHashes[0] || fileHashes[1] || fileHashes[2];
    }
}
