package dwell.ioc;

import dwell.ioc.stix.PatternNode;
import dwell.ioc.stix.PatternNode.Comparison;
import dwell.ioc.stix.PatternNode.Literal;
import dwell.ioc.stix.StixParser;
import dwell.ioc.stix.StixPatternException;
import dwell.net.Cidr;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns a STIX pattern into what dwell evaluates: a disjunction of conjunctions of (possibly negated) values,
 * each conjunction to be met by one event. Supported: a single observation or observations joined by OR,
 * without qualifiers; inside, AND/OR over {@code = != IN LIKE MATCHES ISSUBSET} (and NOT) on
 * {@code ipv4-addr:value}, {@code ipv6-addr:value}, {@code domain-name:value}, {@code url:value},
 * {@code file:name} (with {@code file:parent_directory_ref.path}: a file path), {@code file:hashes.*}, {@code email-addr:value}, {@code email-message:from_ref.value},
 * {@code network-traffic:src_ref.value/dst_ref.value/src_port/dst_port} and the HTTP request extension's
 * User-Agent header. Anything else is reported as unsupported (with the construct), never dropped. The
 * language itself (lexer, parser, syntax tree) is {@code dwell.ioc.stix}, which knows nothing of indicators.
 */
final class StixCompiler {
    /** Bound on the conjunctions one pattern expands to (AND over ORs multiplies). */
    static final int MAX_CONJUNCTIONS = 1024;

    private StixCompiler() {
    }

    /** One value of a conjunction; {@code negated} for != and NOT. */
    public record Term(IocValue value, boolean negated) {
    }

    /** Parses and compiles a pattern. */
    public static List<List<Term>> compile(String pattern) throws StixPatternException {
        return compile(StixParser.parse(pattern));
    }

    public static List<List<Term>> compile(PatternNode node) throws StixPatternException {
        List<List<Term>> out = new ArrayList<>();
        observations(node, out);
        for (List<Term> conj : out) {
            if (conj.stream().noneMatch(t -> !t.negated())) {
                throw new StixPatternException("only negated comparisons in an observation: nothing to match on", true);
            }
        }
        return out;
    }

    private static void observations(PatternNode node, List<List<Term>> out) throws StixPatternException {
        if (node instanceof PatternNode.Observation o) {
            if (!o.qualifiers().isEmpty()) throw unsupported("qualifier " + o.qualifiers().get(0));
            out.addAll(dnf(o.comparison()));
        } else if (node instanceof PatternNode.Group g) {
            if (!g.qualifiers().isEmpty()) throw unsupported("qualifier " + g.qualifiers().get(0));
            observations(g.inner(), out);
        } else if (node instanceof PatternNode.Observations os) {
            if (!os.operator().equals("OR")) {
                throw unsupported(os.operator().equals("AND")
                        ? "AND between observations (needs correlation across events)" : os.operator());
            }
            observations(os.left(), out);
            observations(os.right(), out);
        }
        if (out.size() > MAX_CONJUNCTIONS) throw unsupported("pattern expands to more than " + MAX_CONJUNCTIONS + " alternatives");
    }

    private static List<List<Term>> dnf(Comparison c) throws StixPatternException {
        IocValue located = c instanceof PatternNode.Logical l ? fileInFolder(l) : null;
        if (located != null) return List.of(List.of(new Term(located, false)));
        if (c instanceof PatternNode.Logical l) {
            List<List<Term>> a = dnf(l.left());
            List<List<Term>> b = dnf(l.right());
            List<List<Term>> out = new ArrayList<>();
            if (l.operator().equals("OR")) {
                out.addAll(a);
                out.addAll(b);
            } else {
                if ((long) a.size() * b.size() > MAX_CONJUNCTIONS) {
                    throw unsupported("pattern expands to more than " + MAX_CONJUNCTIONS + " alternatives");
                }
                for (List<Term> x : a) {
                    for (List<Term> y : b) {
                        List<Term> j = new ArrayList<>(x);
                        j.addAll(y);
                        out.add(j);
                    }
                }
            }
            return out;
        }
        if (c instanceof PatternNode.Exists e) throw unsupported("EXISTS " + e.path());
        return test((PatternNode.Test) c);
    }

    private static List<List<Term>> test(PatternNode.Test t) throws StixPatternException {
        Target target = target(t.path());
        String op = t.operator();
        boolean negated = t.negated();
        if (op.equals("!=")) {
            op = "=";
            negated = !negated;
        }
        List<List<Term>> out = new ArrayList<>();
        switch (op) {
            case "=" -> out.add(List.of(new Term(value(target, t.values().get(0), t), negated)));
            case "IN" -> {
                if (negated) {
                    List<Term> all = new ArrayList<>();
                    for (Literal l : t.values()) all.add(new Term(value(target, l, t), true));
                    out.add(all);
                } else {
                    for (Literal l : t.values()) out.add(List.of(new Term(value(target, l, t), false)));
                }
            }
            case "LIKE", "MATCHES" -> {
                if (target.type == IocType.PORT) throw unsupported(op + " on a port");
                String s = t.values().get(0).text();
                TextPattern p;
                try {
                    p = op.equals("LIKE") ? TextPattern.like(s) : TextPattern.regex(s);
                } catch (IocSyntaxException e) {
                    throw new StixPatternException(op + " '" + s + "': " + e.getMessage());
                }
                IocType pt = switch (target.type) {
                    case IPV4, IPV6, CIDR -> throw unsupported(op + " on an address (use ISSUBSET)");
                    default -> target.type;
                };
                out.add(List.of(new Term(new IocValue.Pattern(pt, p, null), negated)));
            }
            case "ISSUBSET" -> {
                if (target.type != IocType.IPV4 && target.type != IocType.IPV6) throw unsupported("ISSUBSET on " + t.path());
                String s = t.values().get(0).text();
                Cidr c = Cidr.parse(s).orElseThrow(() -> new StixPatternException("ISSUBSET needs a CIDR range, got '" + s + "'"));
                out.add(List.of(new Term(new IocValue.Range(c, target.direction), negated)));
            }
            default -> throw unsupported("operator " + op + " on " + t.path());
        }
        return out;
    }

    /** What a path denotes: the indicator type and, for network-traffic, the side. */
    private record Target(IocType type, Direction direction, String path) {
    }

    private static Target target(PatternNode.ObjectPath p) throws StixPatternException {
        String prop = p.property();
        String path = p.toString();
        switch (p.objectType()) {
            case "ipv4-addr", "ipv6-addr" -> {
                if (prop.equals("value")) return new Target(IocType.IPV4, Direction.ANY, path);
            }
            case "domain-name" -> {
                if (prop.equals("value")) return new Target(IocType.DOMAIN, Direction.ANY, path);
            }
            case "url" -> {
                if (prop.equals("value")) return new Target(IocType.URL, Direction.ANY, path);
            }
            case "email-addr" -> {
                if (prop.equals("value")) return new Target(IocType.EMAIL, Direction.ANY, path);
            }
            case "email-message" -> {
                if (prop.equals("from_ref.value") || prop.equals("sender_ref.value") || prop.matches("(to|cc|bcc)_refs\\[[^]]*]\\.value")) {
                    return new Target(IocType.EMAIL, Direction.ANY, path);
                }
            }
            case "file" -> {
                if (prop.equals("name")) return new Target(IocType.FILE_NAME, Direction.ANY, path);
                if (p.steps().size() == 2 && p.steps().get(0).equals("hashes")) {
                    String alg = p.steps().get(1).toUpperCase(Locale.ROOT).replace("-", "");
                    IocType h = switch (alg) {
                        case "MD5" -> IocType.MD5;
                        case "SHA1" -> IocType.SHA1;
                        case "SHA256" -> IocType.SHA256;
                        default -> throw unsupported("hash algorithm " + p.steps().get(1) + " (dwell matches MD5, SHA-1, SHA-256)");
                    };
                    return new Target(h, Direction.ANY, path);
                }
            }
            case "network-traffic" -> {
                switch (prop) {
                    case "src_ref.value" -> {
                        return new Target(IocType.IPV4, Direction.SOURCE, path);
                    }
                    case "dst_ref.value" -> {
                        return new Target(IocType.IPV4, Direction.DESTINATION, path);
                    }
                    case "src_port" -> {
                        return new Target(IocType.PORT, Direction.SOURCE, path);
                    }
                    case "dst_port" -> {
                        return new Target(IocType.PORT, Direction.DESTINATION, path);
                    }
                    default -> {
                        if (prop.equals("extensions.http-request-ext.request_header.User-Agent")) {
                            return new Target(IocType.USER_AGENT, Direction.ANY, path);
                        }
                    }
                }
            }
            default -> throw unsupported("object type " + p.objectType());
        }
        throw unsupported("property " + path);
    }

    private static IocValue value(Target target, Literal l, PatternNode.Test t) throws StixPatternException {
        if (target.type == IocType.PORT) {
            if (!l.isInteger()) throw new StixPatternException(t.path() + " needs an integer port, got '" + l.text() + "'");
            int port;
            try {
                port = Integer.parseInt(l.text());
            } catch (NumberFormatException e) {
                port = -1;
            }
            if (port < 0 || port > 65535) throw new StixPatternException("port out of range: " + l.text());
            return new IocValue.Port(port, target.direction);
        }
        if (!l.isString()) {
            throw new StixPatternException(t.path() + " needs a string, got '" + l.text() + "'");
        }
        try {
            IocValue v = ValueParser.parse(target.type, l.text());
            if (target.direction != Direction.ANY) {
                if (v instanceof IocValue.Ip ip) v = new IocValue.Ip(ip.address(), target.direction);
                if (v instanceof IocValue.Range r) v = new IocValue.Range(r.cidr(), target.direction);
            }
            if (v instanceof IocValue.Hash h && h.kind() != HashKind.valueOf(target.type.name())) {
                throw new StixPatternException(t.path() + ": not a " + target.type.id() + " digest: " + l.text());
            }
            return v;
        } catch (IocSyntaxException e) {
            throw new StixPatternException(t.path() + ": " + e.getMessage());
        }
    }

    /**
     * {@code file:name = 'n' AND file:parent_directory_ref.path = 'd'} (either way round), as dwell's own export
     * writes a file whose folder is what makes it malicious: the file path d\n. Null for any other comparison.
     */
    private static IocValue fileInFolder(PatternNode.Logical l) throws StixPatternException {
        if (!l.operator().equals("AND") || !(l.left() instanceof PatternNode.Test a) || !(l.right() instanceof PatternNode.Test b)) {
            return null;
        }
        PatternNode.Test name = fileEquals(a, "name") ? a : fileEquals(b, "name") ? b : null;
        PatternNode.Test folder = fileEquals(a, "parent_directory_ref.path") ? a : fileEquals(b, "parent_directory_ref.path") ? b : null;
        if (name == null || folder == null) return null;
        String dir = folder.values().get(0).text();
        String sep = dir.indexOf('\\') < 0 && dir.indexOf('/') >= 0 ? "/" : "\\";
        String path = dir.endsWith(sep) ? dir + name.values().get(0).text() : dir + sep + name.values().get(0).text();
        try {
            return ValueParser.parse(IocType.FILE_PATH, path);
        } catch (IocSyntaxException e) {
            throw new StixPatternException(folder.path() + ": " + e.getMessage());
        }
    }

    private static boolean fileEquals(PatternNode.Test t, String property) {
        return t.path().objectType().equals("file") && t.path().property().equals(property) && t.operator().equals("=")
                && !t.negated() && t.values().size() == 1 && t.values().get(0).isString();
    }

    private static StixPatternException unsupported(String what) {
        return new StixPatternException("unsupported: " + what, true);
    }
}
