package dwell.sigma;

import dwell.event.LogSource;
import dwell.hunt.Diagnostic;
import dwell.hunt.Level;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A loaded rule set as bytes, for the rule cache: the rules after parsing, placeholder expansion and compilation of
 * their values (the {@link ValueTest}s), so a repeated run skips YAML, the detection parser and the value compiler.
 * Each value test is written as what built it (a string test's parts and case, a regex's source and flags) and built
 * again on reading, so a decoded test is the one the compiler made. Counts are variable-length ints; every text is
 * written once and then named by its number (field names, tags and modifiers repeat thousands of times). A set
 * holding a value test of a kind not listed here is not encoded ({@link Unencodable}) and is then not cached.
 */
final class RuleSetCodec {
    private static final byte STRING = 0, REGEX = 1, CIDR = 2, NUMBER = 3, TIME_PART = 4, FIELD_REF = 5, NULL = 6,
            ANY = 7;
    private static final byte ALL = 0, ANY_OF = 1, FIELD = 2, KEYWORDS = 3;
    private static final byte AND = 0, OR = 1, NOT = 2, REF = 3, OF = 4;
    private static final byte TEXT = 0, STAR = 1, ONE = 2;

    private RuleSetCodec() {
    }

    /** A rule set holds a value test the format has no tag for. */
    static final class Unencodable extends RuntimeException {
        Unencodable(String what) {
            super("no cache encoding for " + what);
        }
    }

    static byte[] encode(RuleSet set) {
        Out out = new Out();
        out.count(set.files());
        out.list(set.rules(), r -> rule(out, r));
        out.list(set.correlations(), c -> correlation(out, c));
        out.list(set.filters(), f -> filter(out, f));
        out.list(set.rejected(), d -> {
            out.text(d.source());
            out.lng(d.line());
            out.text(d.reason());
        });
        return out.bytes();
    }

    /** The rule set; an {@link IllegalArgumentException} when the bytes are not such an encoding. */
    static RuleSet decode(byte[] bytes) {
        In in = new In(bytes);
        try {
            int files = in.count();
            List<SigmaRule> rules = in.list(() -> rule(in));
            List<CorrelationRule> correlations = in.list(() -> correlation(in));
            List<SigmaFilter> filters = in.list(() -> filter(in));
            List<Diagnostic> rejected = in.list(() -> new Diagnostic(in.text(), in.lng(), in.text()));
            if (in.b.hasRemaining()) throw new IllegalArgumentException("bytes after the rule set");
            return new RuleSet(rules, correlations, filters, rejected, files);
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("truncated", e);
        } catch (RuleException | IndexOutOfBoundsException | NullPointerException e) {
            // a value that the constructors refuse was not written by encode
            throw new IllegalArgumentException("not a rule set: " + e.getMessage(), e);
        }
    }

    private static void rule(Out out, SigmaRule r) {
        out.text(r.id());
        out.nullable(r.name());
        out.text(r.title());
        out.count(r.level().ordinal());
        out.nullable(r.status());
        out.texts(r.tags());
        logSource(out, r.logSource());
        detection(out, r.detection());
        out.texts(r.fields());
        out.map(r.meta(), out::text);
        origin(out, r.origin());
    }

    private static SigmaRule rule(In in) {
        return new SigmaRule(in.text(), in.nullable(), in.text(), in.pick(Level.values()), in.nullable(), in.texts(),
                logSource(in), detection(in), in.texts(), in.map(in::text), origin(in));
    }

    private static void correlation(Out out, CorrelationRule c) {
        out.text(c.id());
        out.nullable(c.name());
        out.text(c.title());
        out.count(c.level().ordinal());
        out.texts(c.tags());
        out.count(c.type().ordinal());
        out.texts(c.rules());
        out.texts(c.groupBy());
        out.lng(c.timespan().getSeconds());
        out.map(c.threshold().bounds(), v -> out.lng(Double.doubleToRawLongBits(v)));
        out.nullable(c.field());
        out.lng(Double.doubleToRawLongBits(c.percentile()));
        out.map(c.aliases(), m -> out.map(m, out::text));
        out.flag(c.generate());
        origin(out, c.origin());
    }

    private static CorrelationRule correlation(In in) {
        return new CorrelationRule(in.text(), in.nullable(), in.text(), in.pick(Level.values()), in.texts(),
                in.pick(CorrelationType.values()), in.texts(), in.texts(), Duration.ofSeconds(in.lng()),
                new Threshold(in.map(() -> Double.longBitsToDouble(in.lng()))), in.nullable(),
                Double.longBitsToDouble(in.lng()), in.map(() -> in.map(in::text)), in.flag(), origin(in));
    }

    private static void filter(Out out, SigmaFilter f) {
        out.text(f.id());
        out.text(f.title());
        logSource(out, f.logSource());
        out.texts(f.rules());
        detection(out, f.detection());
        origin(out, f.origin());
    }

    private static SigmaFilter filter(In in) {
        return new SigmaFilter(in.text(), in.text(), logSource(in), in.texts(), detection(in), origin(in));
    }

    private static void logSource(Out out, LogSource s) {
        out.nullable(s.product());
        out.nullable(s.category());
        out.nullable(s.service());
    }

    private static LogSource logSource(In in) {
        return new LogSource(in.nullable(), in.nullable(), in.nullable());
    }

    private static void origin(Out out, RuleOrigin o) {
        out.text(o.path());
        out.count(o.line());
    }

    private static RuleOrigin origin(In in) {
        return new RuleOrigin(in.text(), in.count());
    }

    private static void detection(Out out, Detection d) {
        out.map(d.searches(), s -> search(out, s));
        out.list(d.conditions(), c -> condition(out, c));
    }

    private static Detection detection(In in) {
        return new Detection(in.map(() -> search(in, 0)), in.list(() -> condition(in, 0)));
    }

    private static void search(Out out, Search s) {
        if (s instanceof Search.All a) {
            out.tag(ALL);
            out.list(a.items(), x -> search(out, x));
        } else if (s instanceof Search.Any a) {
            out.tag(ANY_OF);
            out.list(a.items(), x -> search(out, x));
        } else if (s instanceof Search.Field f) {
            out.tag(FIELD);
            out.text(f.name());
            match(out, f.match());
        } else {
            out.tag(KEYWORDS);
            match(out, ((Search.Keywords) s).match());
        }
    }

    private static Search search(In in, int depth) {
        in.depth(depth);
        return switch (in.tag()) {
            case ALL -> new Search.All(in.list(() -> search(in, depth + 1)));
            case ANY_OF -> new Search.Any(in.list(() -> search(in, depth + 1)));
            case FIELD -> new Search.Field(in.text(), match(in));
            case KEYWORDS -> new Search.Keywords(match(in));
            default -> throw new IllegalArgumentException("unknown search tag");
        };
    }

    private static void match(Out out, ValueMatch m) {
        out.list(m.tests(), t -> test(out, t));
        out.flag(m.all());
        out.flag(m.negate());
        out.count(m.exists() == null ? 0 : m.exists() ? 1 : 2);
    }

    private static ValueMatch match(In in) {
        List<ValueTest> tests = in.list(() -> test(in, 0));
        boolean all = in.flag();
        boolean negate = in.flag();
        int exists = in.count();
        if (exists > 2) throw new IllegalArgumentException("bad exists " + exists);
        return new ValueMatch(tests, all, negate, exists == 0 ? null : exists == 1);
    }

    private static void test(Out out, ValueTest t) {
        if (t instanceof StringTest s) {
            out.tag(STRING);
            out.list(s.pattern().parts(), p -> {
                if (p instanceof SigmaString.Text x) {
                    out.tag(TEXT);
                    out.text(x.text());
                } else {
                    out.tag(p instanceof SigmaString.Star ? STAR : ONE);
                }
            });
            out.flag(s.cased());
        } else if (t instanceof RegexTest r) {
            out.tag(REGEX);
            out.text(r.pattern().pattern());
            out.count(r.pattern().flags());
        } else if (t instanceof CidrTest c) {
            out.tag(CIDR);
            out.text(c.source());
        } else if (t instanceof NumberTest n) {
            out.tag(NUMBER);
            out.count(n.op().ordinal());
            out.lng(Double.doubleToRawLongBits(n.bound()));
        } else if (t instanceof TimePartTest p) {
            out.tag(TIME_PART);
            out.count(p.part().ordinal());
            out.lng(p.expected());
        } else if (t instanceof FieldRefTest f) {
            out.tag(FIELD_REF);
            out.texts(Arrays.asList(f.other()));
            out.count(f.shape().ordinal());
            out.flag(f.cased());
        } else if (t instanceof NullTest) {
            out.tag(NULL);
        } else if (t instanceof AnyTest a) {
            out.tag(ANY);
            out.list(a.variants(), v -> test(out, v));
        } else {
            throw new Unencodable(t.getClass().getName());
        }
    }

    private static ValueTest test(In in, int depth) {
        in.depth(depth);
        return switch (in.tag()) {
            case STRING -> new StringTest(new SigmaString(in.list(() -> switch (in.tag()) {
                case TEXT -> new SigmaString.Text(in.text());
                case STAR -> new SigmaString.Star();
                case ONE -> new SigmaString.One();
                default -> throw new IllegalArgumentException("unknown string part tag");
            })), in.flag());
            case REGEX -> {
                String source = in.text();
                int flags = in.count();
                yield new RegexTest(source, (flags & com.google.re2j.Pattern.CASE_INSENSITIVE) != 0,
                        (flags & com.google.re2j.Pattern.MULTILINE) != 0, (flags & com.google.re2j.Pattern.DOTALL) != 0);
            }
            case CIDR -> new CidrTest(in.text());
            case NUMBER -> new NumberTest(in.pick(NumberTest.Op.values()), Double.longBitsToDouble(in.lng()));
            case TIME_PART -> new TimePartTest(in.pick(TimePartTest.Part.values()), in.lng());
            case FIELD_REF -> new FieldRefTest(in.texts().toArray(String[]::new), in.pick(FieldRefTest.Shape.values()), in.flag());
            case NULL -> new NullTest();
            case ANY -> new AnyTest(in.list(() -> test(in, depth + 1)));
            default -> throw new IllegalArgumentException("unknown value test tag");
        };
    }

    private static void condition(Out out, Condition c) {
        if (c instanceof Condition.And a) {
            out.tag(AND);
            condition(out, a.left());
            condition(out, a.right());
        } else if (c instanceof Condition.Or o) {
            out.tag(OR);
            condition(out, o.left());
            condition(out, o.right());
        } else if (c instanceof Condition.Not n) {
            out.tag(NOT);
            condition(out, n.operand());
        } else if (c instanceof Condition.Ref r) {
            out.tag(REF);
            out.text(r.name());
        } else {
            Condition.Of o = (Condition.Of) c;
            out.tag(OF);
            out.count(o.count());
            out.text(o.pattern());
        }
    }

    private static Condition condition(In in, int depth) {
        in.depth(depth);
        return switch (in.tag()) {
            case AND -> new Condition.And(condition(in, depth + 1), condition(in, depth + 1));
            case OR -> new Condition.Or(condition(in, depth + 1), condition(in, depth + 1));
            case NOT -> new Condition.Not(condition(in, depth + 1));
            case REF -> new Condition.Ref(in.text());
            case OF -> new Condition.Of(in.count(), in.text());
            default -> throw new IllegalArgumentException("unknown condition tag");
        };
    }

    /** The writing half: variable-length ints, texts numbered on first use. */
    private static final class Out {
        private byte[] buf = new byte[1 << 16];
        private int size;
        private final Map<String, Integer> texts = new HashMap<>();

        private void room(int n) {
            if (size + n > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + n));
        }

        void tag(byte t) {
            room(1);
            buf[size++] = t;
        }

        /** A non-negative int, seven bits a byte, low group first. */
        void count(int v) {
            if (v < 0) throw new IllegalArgumentException("negative count " + v);
            room(5);
            while ((v & ~0x7f) != 0) {
                buf[size++] = (byte) (v & 0x7f | 0x80);
                v >>>= 7;
            }
            buf[size++] = (byte) v;
        }

        void lng(long v) {
            room(8);
            for (int shift = 56; shift >= 0; shift -= 8) buf[size++] = (byte) (v >>> shift);
        }

        void flag(boolean v) {
            tag((byte) (v ? 1 : 0));
        }

        /** A text's number, followed by the text itself on its first use (numbered from 1: 0 is null). */
        void nullable(String s) {
            if (s == null) {
                count(0);
                return;
            }
            Integer known = texts.get(s);
            if (known != null) {
                count(known);
                return;
            }
            int id = texts.size() + 1;
            texts.put(s, id);
            count(id);
            boolean latin1 = true;
            for (int i = 0; i < s.length() && latin1; i++) latin1 = s.charAt(i) < 0x100;
            // Latin-1 text a byte a character (most rules are ASCII); other text as UTF-16 code units, so lone
            // surrogates survive; the length's lowest bit tells which
            count(s.length() << 1 | (latin1 ? 0 : 1));
            room(2 * s.length());
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (!latin1) buf[size++] = (byte) (c >>> 8);
                buf[size++] = (byte) c;
            }
        }

        void text(String s) {
            if (s == null) throw new IllegalArgumentException("a text the format requires is null");
            nullable(s);
        }

        void texts(List<String> l) {
            list(l, this::text);
        }

        <T> void list(List<T> items, java.util.function.Consumer<T> each) {
            count(items.size());
            for (T t : items) each.accept(t);
        }

        /** A map's entries by key: immutable maps iterate in an order of their own, and equal sets encode alike. */
        <V> void map(Map<String, V> m, java.util.function.Consumer<V> each) {
            count(m.size());
            for (Map.Entry<String, V> e : new TreeMap<>(m).entrySet()) {
                text(e.getKey());
                each.accept(e.getValue());
            }
        }

        byte[] bytes() {
            return Arrays.copyOf(buf, size);
        }
    }

    /** The reading half; every count is checked against the bytes left, every index against what it indexes. */
    private static final class In {
        /** Deeper nesting than rules can have means bytes we did not write. */
        private static final int MAX_DEPTH = 200;
        final ByteBuffer b;
        private final List<String> texts = new ArrayList<>();

        In(byte[] bytes) {
            b = ByteBuffer.wrap(bytes);
        }

        byte tag() {
            return b.get();
        }

        int count() {
            int v = 0;
            for (int shift = 0; ; shift += 7) {
                int x = b.get();
                if (shift == 28 && (x & 0xf8) != 0) throw new IllegalArgumentException("a count beyond 31 bits");
                v |= (x & 0x7f) << shift;
                if (x >= 0) return v;
            }
        }

        long lng() {
            return b.getLong();
        }

        boolean flag() {
            byte v = b.get();
            if (v != 0 && v != 1) throw new IllegalArgumentException("not a flag: " + v);
            return v == 1;
        }

        <E extends Enum<E>> E pick(E[] values) {
            int i = count();
            if (i >= values.length) throw new IllegalArgumentException("no " + values[0].getDeclaringClass().getSimpleName() + " numbered " + i);
            return values[i];
        }

        String nullable() {
            int id = count();
            if (id == 0) return null;
            if (id <= texts.size()) return texts.get(id - 1);
            if (id != texts.size() + 1) throw new IllegalArgumentException("text " + id + " before its definition");
            int shape = count();
            int chars = shape >>> 1;
            String s;
            if ((shape & 1) == 0) {
                if (chars > b.remaining()) throw new IllegalArgumentException("text beyond the entry's end");
                s = new String(b.array(), b.position(), chars, StandardCharsets.ISO_8859_1);
                b.position(b.position() + chars);
            } else {
                if (chars > b.remaining() / 2) throw new IllegalArgumentException("text beyond the entry's end");
                char[] c = new char[chars];
                for (int i = 0; i < chars; i++) c[i] = b.getChar();
                s = new String(c);
            }
            texts.add(s);
            return s;
        }

        String text() {
            String s = nullable();
            if (s == null) throw new IllegalArgumentException("a required text is missing");
            return s;
        }

        List<String> texts() {
            return list(this::text);
        }

        /** A count of items, each at least a byte: more than the bytes left is a damaged entry. */
        private int items() {
            int n = count();
            if (n > b.remaining()) throw new IllegalArgumentException("count " + n + " beyond the entry's end");
            return n;
        }

        <T> List<T> list(java.util.function.Supplier<T> each) {
            int n = items();
            List<T> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) out.add(each.get());
            return out;
        }

        <V> Map<String, V> map(java.util.function.Supplier<V> each) {
            int n = items();
            Map<String, V> out = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                String key = text();
                if (out.put(key, each.get()) != null) throw new IllegalArgumentException("a key twice in one map: " + key);
            }
            return out;
        }

        void depth(int depth) {
            if (depth > MAX_DEPTH) throw new IllegalArgumentException("nesting deeper than " + MAX_DEPTH);
        }
    }
}
