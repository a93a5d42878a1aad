package dwell.ioc;

import dwell.format.text.LineReader;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads the LOKI/THOR signature-base IOC files. {@code #} lines are comments; the last comment before an
 * entry (up to a blank line) describes the entries that follow and becomes their comment when they carry none.
 * <ul>
 * <li>hash-iocs: {@code HASH;COMMENT} or {@code HASH;SCORE;COMMENT} (MD5, SHA-1 or SHA-256)</li>
 * <li>filename-iocs: {@code REGEX;SCORE[;FALSE_POSITIVE_REGEX]}, searched in full paths, case-sensitive unless
 * the regex starts with {@code (?i)}</li>
 * <li>c2-iocs: {@code DOMAIN|IP[;SCORE]}</li>
 * <li>keywords: one case-sensitive keyword a line, searched in raw event text</li>
 * </ul>
 */
final class LokiFeed {
    private LokiFeed() {
    }

    static void read(FeedKind kind, InputStream in, FeedContext ctx) throws IOException {
        LineReader r = LineReader.open(in, FeedContext.MAX_LINE);
        String context = null;
        while (r.next()) {
            long n = r.lineNumber();
            if (r.tooLong()) {
                ctx.reject(n, "line longer than " + FeedContext.MAX_LINE + " bytes");
                continue;
            }
            String line = r.text();
            String s = line.strip();
            if (s.isEmpty()) {
                context = null;
                continue;
            }
            if (s.startsWith("#")) {
                String c = s.replaceFirst("^#+", "").strip();
                if (!c.isEmpty()) context = c;
                continue;
            }
            try {
                Ioc ioc = switch (kind) {
                    case LOKI_HASH -> hash(s, ctx.line(n), context);
                    case LOKI_FILENAME -> filename(s, ctx.line(n), context);
                    case LOKI_C2 -> c2(s, ctx.line(n), context);
                    case LOKI_KEYWORD -> new Ioc(new IocValue.Keyword(s), ctx.line(n), null, context);
                    default -> throw new IllegalArgumentException("not a LOKI feed kind: " + kind);
                };
                ctx.add(ioc);
            } catch (IocSyntaxException e) {
                ctx.reject(n, e.getMessage());
            }
        }
    }

    static Ioc hash(String s, IocSource src, String context) throws IocSyntaxException {
        int semi = s.indexOf(';');
        String hash = (semi < 0 ? s : s.substring(0, semi)).strip();
        String rest = semi < 0 ? "" : s.substring(semi + 1);
        HashKind k = HashKind.ofLength(hash.length());
        if (k == null || !HashKind.isHex(hash, 0, hash.length())) {
            throw new IocSyntaxException("not an MD5, SHA-1 or SHA-256 hex digest: " + ValueParser.abbreviate(hash));
        }
        Integer score = null;
        int semi2 = rest.indexOf(';');
        if (semi2 > 0 && isScore(rest.substring(0, semi2).strip())) {
            score = Integer.valueOf(rest.substring(0, semi2).strip());
            rest = rest.substring(semi2 + 1);
        }
        String comment = rest.strip().isEmpty() ? context : rest.strip();
        return new Ioc(new IocValue.Hash(k, HashKind.lower(hash)), src, score, comment);
    }

    static Ioc filename(String s, IocSource src, String context) throws IocSyntaxException {
        String[] f = s.split(";", -1);
        if (f.length < 2) throw new IocSyntaxException("expected REGEX;SCORE[;FALSE_POSITIVE_REGEX]");
        if (f.length > 3) throw new IocSyntaxException("more than three ';'-separated fields (REGEX;SCORE[;FALSE_POSITIVE_REGEX])");
        if (f[0].isEmpty()) throw new IocSyntaxException("empty regex");
        String score = f[1].strip();
        if (!isScore(score)) throw new IocSyntaxException("score is not a number from 0 to 100: " + ValueParser.abbreviate(score));
        TextPattern re;
        try {
            re = TextPattern.regex(f[0]);
        } catch (IocSyntaxException e) {
            throw new IocSyntaxException(e.getMessage());
        }
        TextPattern fp = null;
        if (f.length == 3 && !f[2].isEmpty()) {
            try {
                fp = TextPattern.regex(f[2]);
            } catch (IocSyntaxException e) {
                throw new IocSyntaxException("false-positive " + e.getMessage());
            }
        }
        return new Ioc(new IocValue.Pattern(IocType.FILE_PATH, re, fp), src, Integer.valueOf(score), context);
    }

    static Ioc c2(String s, IocSource src, String context) throws IocSyntaxException {
        int semi = s.indexOf(';');
        String v = (semi < 0 ? s : s.substring(0, semi)).strip();
        Integer score = null;
        if (semi >= 0) {
            String sc = s.substring(semi + 1).strip();
            if (!isScore(sc)) throw new IocSyntaxException("score is not a number from 0 to 100: " + ValueParser.abbreviate(sc));
            score = Integer.valueOf(sc);
        }
        IocValue value = ValueParser.infer(v);
        IocType t = value.type();
        if (t != IocType.IPV4 && t != IocType.IPV6 && t != IocType.CIDR && t != IocType.DOMAIN && t != IocType.URL) {
            throw new IocSyntaxException("a C2 entry must be a domain or an IP address, got " + t.id() + ": " + ValueParser.abbreviate(v));
        }
        return new Ioc(value, src, score, context);
    }

    private static boolean isScore(String s) {
        if (s.isEmpty() || s.length() > 3 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) return false;
        return Integer.parseInt(s) <= 100;
    }
}
