package dwell.sigma;

import dwell.event.LogSource;
import dwell.hunt.Diagnostic;
import dwell.hunt.Level;
import dwell.rulecache.Deflated;
import java.nio.BufferUnderflowException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * A loaded rule set as bytes, for the rule cache: the rules after parsing, placeholder expansion and compilation of
 * their values (the {@link ValueTest}s), so a repeated run skips YAML, the detection parser and the value compiler.
 * Each value test is written as what built it (a string test's parts and case, a regex's source and flags) and built
 * again on reading, so a decoded test is the one the compiler made. Counts are variable-length ints; every text is
 * written once and then named by its number (field names, tags and modifiers repeat thousands of times). The set is
 * written as deflated parts, each with its own texts (all but the rules, then runs of {@link #RULE_RUN} rules), so
 * that a hit inflates and decodes them on two cores, each thread taking the next part ({@link SharedTasks}). A set
 * holding a value test of a kind not listed here is not encoded ({@link Unencodable}) and is then not cached.
 */
final class RuleSetCodec {
    private static final byte STRING = 0, REGEX = 1, CIDR = 2, NUMBER = 3, TIME_PART = 4, FIELD_REF = 5, NULL = 6,
            ANY = 7;
    private static final byte ALL = 0, ANY_OF = 1, FIELD = 2, KEYWORDS = 3;
    private static final byte AND = 0, OR = 1, NOT = 2, REF = 3, OF = 4;
    private static final byte TEXT = 0, STAR = 1, ONE = 2;

    /** The wildcards, which hold nothing: one of each serves every pattern read. */
    private static final SigmaString.Star ANY_RUN = new SigmaString.Star();
    private static final SigmaString.One ONE_CHAR = new SigmaString.One();

    /** Rules of at least this many deflated bytes are decoded on two threads. */
    static final int PARALLEL_FROM = 32 << 10;
    /** Rules in a part: a thread done first waits for at most one part of the other's. */
    static final int RULE_RUN = 256;

    private RuleSetCodec() {
    }

    /** A rule set holds a value test the format has no tag for. */
    static final class Unencodable extends RuntimeException {
        Unencodable(String what) {
            super("no cache encoding for " + what);
        }
    }

    static byte[] encode(RuleSet set) {
        EntryOut head = new EntryOut();
        head.count(set.files());
        head.list(set.correlations(), c -> correlation(head, c));
        head.list(set.filters(), f -> filter(head, f));
        head.list(set.rejected(), d -> {
            head.text(d.source());
            head.lng(d.line());
            head.text(d.reason());
        });
        List<SigmaRule> rules = set.rules();
        int runs = (rules.size() + RULE_RUN - 1) / RULE_RUN;
        EntryOut out = new EntryOut();
        out.count(1 + runs);
        out.part(Deflated.deflate(head.bytes()));
        for (int i = 0; i < runs; i++) {
            EntryOut run = new EntryOut();
            run.list(rules.subList(i * RULE_RUN, Math.min(rules.size(), (i + 1) * RULE_RUN)), r -> rule(run, r));
            out.part(Deflated.deflate(run.bytes()));
        }
        return out.bytes();
    }

    /** The rule set; an {@link IllegalArgumentException} when the bytes are not such an encoding. */
    static RuleSet decode(byte[] bytes) {
        EntryIn in = new EntryIn(bytes);
        List<EntryIn.Part> parts = new ArrayList<>();
        long ruleBytes = 0;
        try {
            int n = in.count();
            // every part takes at least its length's byte
            if (n < 1 || n > in.b.remaining()) throw new IllegalArgumentException("not a count of parts: " + n);
            for (int i = 0; i < n; i++) {
                parts.add(in.part());
                if (i > 0) ruleBytes += parts.get(i).length();
            }
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("truncated", e);
        }
        if (in.b.hasRemaining()) throw new IllegalArgumentException("bytes after the rule set");
        // the parts are inflated and decoded by this thread and another, each taking the next (most of a cache hit's
        // rule phase is decoding); a small set is not worth the thread's start
        List<Object> decoded = SharedTasks.run(parts.size(), ruleBytes >= PARALLEL_FROM, "dwell-sigma-decode",
                i -> i == 0 ? decoded(parts.get(0), RuleSetCodec::head) : decoded(parts.get(i), RuleSetCodec::rules));
        RuleSet head = (RuleSet) decoded.get(0);
        List<SigmaRule> rules = new ArrayList<>();
        for (int i = 1; i < decoded.size(); i++) {
            @SuppressWarnings("unchecked")
            List<SigmaRule> run = (List<SigmaRule>) decoded.get(i);
            rules.addAll(run);
        }
        return new RuleSet(rules, head.correlations(), head.filters(), head.rejected(), head.files());
    }

    /** The first part: the file count and everything but the rules. */
    private static RuleSet head(EntryIn in) {
        int files = in.count();
        List<CorrelationRule> correlations = in.list(() -> correlation(in));
        List<SigmaFilter> filters = in.list(() -> filter(in));
        List<Diagnostic> rejected = in.list(() -> new Diagnostic(in.text(), in.lng(), in.text()));
        return new RuleSet(List.of(), correlations, filters, rejected, files);
    }

    private static List<SigmaRule> rules(EntryIn in) {
        return in.list(() -> rule(in));
    }

    /** A part inflated and decoded to its end; an {@link IllegalArgumentException} for bytes encode did not write. */
    static <T> T decoded(EntryIn.Part part, Function<EntryIn, T> decoder) {
        EntryIn in = new EntryIn(Deflated.inflate(part.bytes(), part.offset(), part.length()));
        try {
            T value = decoder.apply(in);
            if (in.b.hasRemaining()) throw new IllegalArgumentException("bytes after the rule set");
            return value;
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("truncated", e);
        } catch (RuleException | IndexOutOfBoundsException | NullPointerException e) {
            // a value that the constructors refuse was not written by encode
            throw new IllegalArgumentException("not a rule set: " + e.getMessage(), e);
        }
    }

    private static void rule(EntryOut out, SigmaRule r) {
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

    private static SigmaRule rule(EntryIn in) {
        return new SigmaRule(in.text(), in.nullable(), in.text(), in.pick(Level.values()), in.nullable(), in.texts(),
                logSource(in), detection(in), in.texts(), in.map(in::text), origin(in));
    }

    private static void correlation(EntryOut out, CorrelationRule c) {
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

    private static CorrelationRule correlation(EntryIn in) {
        return new CorrelationRule(in.text(), in.nullable(), in.text(), in.pick(Level.values()), in.texts(),
                in.pick(CorrelationType.values()), in.texts(), in.texts(), Duration.ofSeconds(in.lng()),
                new Threshold(in.map(() -> Double.longBitsToDouble(in.lng()))), in.nullable(),
                Double.longBitsToDouble(in.lng()), in.map(() -> in.map(in::text)), in.flag(), origin(in));
    }

    private static void filter(EntryOut out, SigmaFilter f) {
        out.text(f.id());
        out.text(f.title());
        logSource(out, f.logSource());
        out.texts(f.rules());
        detection(out, f.detection());
        origin(out, f.origin());
    }

    private static SigmaFilter filter(EntryIn in) {
        return new SigmaFilter(in.text(), in.text(), logSource(in), in.texts(), detection(in), origin(in));
    }

    static void logSource(EntryOut out, LogSource s) {
        out.nullable(s.product());
        out.nullable(s.category());
        out.nullable(s.service());
    }

    static LogSource logSource(EntryIn in) {
        return new LogSource(in.nullable(), in.nullable(), in.nullable());
    }

    private static void origin(EntryOut out, RuleOrigin o) {
        out.text(o.path());
        out.count(o.line());
    }

    private static RuleOrigin origin(EntryIn in) {
        return new RuleOrigin(in.text(), in.count());
    }

    private static void detection(EntryOut out, Detection d) {
        out.map(d.searches(), s -> search(out, s));
        out.list(d.conditions(), c -> condition(out, c));
    }

    private static Detection detection(EntryIn in) {
        return new Detection(in.map(() -> search(in, 0)), in.list(() -> condition(in, 0)));
    }

    private static void search(EntryOut out, Search s) {
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

    private static Search search(EntryIn in, int depth) {
        in.depth(depth);
        return switch (in.tag()) {
            case ALL -> new Search.All(in.list(() -> search(in, depth + 1)));
            case ANY_OF -> new Search.Any(in.list(() -> search(in, depth + 1)));
            case FIELD -> new Search.Field(in.text(), match(in));
            case KEYWORDS -> new Search.Keywords(match(in));
            default -> throw new IllegalArgumentException("unknown search tag");
        };
    }

    private static void match(EntryOut out, ValueMatch m) {
        out.list(m.tests(), t -> test(out, t));
        out.flag(m.all());
        out.flag(m.negate());
        out.count(m.exists() == null ? 0 : m.exists() ? 1 : 2);
    }

    private static ValueMatch match(EntryIn in) {
        List<ValueTest> tests = in.list(() -> test(in, 0));
        boolean all = in.flag();
        boolean negate = in.flag();
        int exists = in.count();
        if (exists > 2) throw new IllegalArgumentException("bad exists " + exists);
        return new ValueMatch(tests, all, negate, exists == 0 ? null : exists == 1);
    }

    private static void test(EntryOut out, ValueTest t) {
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
            out.text(r.source());
            out.count(r.flags());
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

    private static ValueTest test(EntryIn in, int depth) {
        in.depth(depth);
        return switch (in.tag()) {
            case STRING -> new StringTest(new SigmaString(in.list(() -> switch (in.tag()) {
                case TEXT -> new SigmaString.Text(in.text());
                case STAR -> ANY_RUN;
                case ONE -> ONE_CHAR;
                default -> throw new IllegalArgumentException("unknown string part tag");
            })), in.flag());
            case REGEX -> {
                String source = in.text();
                int flags = in.count();
                yield RegexTest.deferred(source, (flags & com.google.re2j.Pattern.CASE_INSENSITIVE) != 0,
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

    private static void condition(EntryOut out, Condition c) {
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

    private static Condition condition(EntryIn in, int depth) {
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

}
