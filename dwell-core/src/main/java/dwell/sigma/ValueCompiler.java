package dwell.sigma;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;

/** Turns a field item's values and modifier chain into {@link ValueTest}s. */
final class ValueCompiler {
    private static final java.util.regex.Pattern PLACEHOLDER = java.util.regex.Pattern.compile("(?<!\\\\)%([^%\\s]+)%");
    private static final String DASHES = "-/\u2013\u2014\u2015";
    private static final int MAX_VARIANTS = 256;

    private final Placeholders placeholders;

    public ValueCompiler(Placeholders placeholders) {
        this.placeholders = placeholders;
    }

    /** Compiles the values (scalars or null) of one field item or keyword list. */
    public ValueMatch compile(Modifiers mods, List<JsonNode> values) {
        if (mods.kind() == Modifiers.Kind.EXISTS) {
            if (values.size() != 1 || !values.get(0).isBoolean()) {
                throw new RuleException("'exists' takes one boolean value (true or false)", "|exists");
            }
            return new ValueMatch(List.of(), false, false, values.get(0).asBoolean());
        }
        if (values.isEmpty()) throw new RuleException("empty value list");
        List<ValueTest> tests = new ArrayList<>();
        for (JsonNode v : values) tests.add(test(mods, v));
        return new ValueMatch(tests, mods.all(), mods.neq(), null);
    }

    private ValueTest test(Modifiers mods, JsonNode node) {
        if (node == null || node.isNull()) {
            if (mods.kind() != Modifiers.Kind.EQUALS || !mods.transforms().isEmpty()) {
                throw new RuleException("null value with a modifier");
            }
            return new NullTest();
        }
        if (node.isContainerNode()) throw new RuleException("values must be scalars, found a nested " + (node.isArray() ? "list" : "map"));
        String v = node.asText();
        return switch (mods.kind()) {
            case RE -> new RegexTest(v, mods.reI(), mods.reM(), mods.reS());
            case CIDR -> new CidrTest(v);
            case LT -> new NumberTest(NumberTest.Op.LT, NumberTest.number(v));
            case LTE -> new NumberTest(NumberTest.Op.LTE, NumberTest.number(v));
            case GT -> new NumberTest(NumberTest.Op.GT, NumberTest.number(v));
            case GTE -> new NumberTest(NumberTest.Op.GTE, NumberTest.number(v));
            case MINUTE, HOUR, DAY, WEEK, MONTH, YEAR ->
                    new TimePartTest(TimePartTest.Part.valueOf(mods.kind().name()), (long) NumberTest.number(v));
            case EXISTS -> throw new IllegalStateException("handled above");
            case EQUALS, CONTAINS, STARTSWITH, ENDSWITH -> mods.fieldref() ? fieldRef(mods, v) : strings(mods, v);
        };
    }

    private static ValueTest fieldRef(Modifiers mods, String v) {
        FieldRefTest.Shape shape = switch (mods.kind()) {
            case CONTAINS -> FieldRefTest.Shape.INFIX;
            case STARTSWITH -> FieldRefTest.Shape.PREFIX;
            case ENDSWITH -> FieldRefTest.Shape.SUFFIX;
            default -> FieldRefTest.Shape.EQUALS;
        };
        return new FieldRefTest(new String[] {v}, shape, mods.cased());
    }

    private ValueTest strings(Modifiers mods, String v) {
        List<SigmaString> variants = new ArrayList<>();
        List<String> texts = mods.transforms().contains("expand") ? expand(v) : List.of(v);
        for (String t : texts) variants.add(SigmaString.parse(t));
        boolean encoded = false;
        for (String t : mods.transforms()) {
            List<SigmaString> next = new ArrayList<>();
            for (SigmaString s : variants) {
                switch (t) {
                    case "expand" -> next.add(s);
                    case "windash" -> next.addAll(windash(s));
                    case "utf16le" -> next.add(encode(s, StandardCharsets.UTF_16LE, false));
                    case "utf16be" -> next.add(encode(s, StandardCharsets.UTF_16BE, false));
                    case "utf16" -> next.add(encode(s, StandardCharsets.UTF_16LE, true));
                    case "base64" -> next.add(SigmaString.literal(Base64.getEncoder().encodeToString(bytes(s, t, encoded))));
                    case "base64offset" -> next.addAll(base64offset(bytes(s, t, encoded)));
                    default -> throw new IllegalStateException(t);
                }
            }
            if (next.size() > MAX_VARIANTS) throw new RuleException("modifiers make more than " + MAX_VARIANTS + " variants of '" + v + "'");
            variants = next;
            encoded |= t.startsWith("utf16");
        }
        boolean before = mods.kind() == Modifiers.Kind.CONTAINS || mods.kind() == Modifiers.Kind.ENDSWITH;
        boolean after = mods.kind() == Modifiers.Kind.CONTAINS || mods.kind() == Modifiers.Kind.STARTSWITH;
        List<ValueTest> tests = new ArrayList<>();
        for (SigmaString s : variants) tests.add(new StringTest(s.wrap(before, after), mods.cased()));
        return tests.size() == 1 ? tests.get(0) : new AnyTest(tests);
    }

    /** Replaces each %name% (not preceded by a backslash) with each of its values. */
    private List<String> expand(String v) {
        List<String> out = new ArrayList<>(List.of(v));
        while (true) {
            List<String> next = new ArrayList<>();
            boolean any = false;
            for (String s : out) {
                Matcher m = PLACEHOLDER.matcher(s);
                if (!m.find()) {
                    next.add(s);
                    continue;
                }
                any = true;
                List<String> values = placeholders.get(m.group(1));
                if (values == null) {
                    throw new RuleException("placeholder %" + m.group(1) + "% has no value (define it in a --placeholders file)",
                            "%" + m.group(1) + "%");
                }
                for (String val : values) next.add(s.substring(0, m.start()) + val + s.substring(m.end()));
            }
            if (next.size() > MAX_VARIANTS) throw new RuleException("placeholders expand '" + v + "' to too many values");
            out = next;
            if (!any) break;
        }
        List<String> unescaped = new ArrayList<>();
        for (String s : out) unescaped.add(s.replace("\\%", "%"));
        return unescaped;
    }

    /**
     * windash: every dash or slash that starts a word (a command-line flag) takes each of -, /, en dash, em dash
     * and horizontal bar; all combinations, or one character for all of them when there are many flags.
     */
    static List<SigmaString> windash(SigmaString s) {
        List<SigmaString.Part> parts = s.parts();
        int flags = 0;
        for (SigmaString.Part p : parts) if (p instanceof SigmaString.Text t) flags += flagPositions(t.text()).size();
        if (flags == 0) return List.of(s);
        List<SigmaString> out = new ArrayList<>();
        if (flags > 3) {
            for (char d : DASHES.toCharArray()) out.add(replaceFlags(s, new char[] {d}, flags));
            return out;
        }
        int combos = (int) Math.pow(DASHES.length(), flags);
        for (int c = 0; c < combos; c++) {
            char[] choice = new char[flags];
            int x = c;
            for (int k = 0; k < flags; k++) {
                choice[k] = DASHES.charAt(x % DASHES.length());
                x /= DASHES.length();
            }
            out.add(replaceFlags(s, choice, flags));
        }
        return out;
    }

    private static SigmaString replaceFlags(SigmaString s, char[] choice, int flags) {
        List<SigmaString.Part> out = new ArrayList<>();
        int k = 0;
        for (SigmaString.Part p : s.parts()) {
            if (p instanceof SigmaString.Text t) {
                char[] cs = t.text().toCharArray();
                for (int pos : flagPositions(t.text())) cs[pos] = choice[Math.min(k++, choice.length - 1)];
                out.add(new SigmaString.Text(new String(cs)));
            } else {
                out.add(p);
            }
        }
        return new SigmaString(out);
    }

    private static List<Integer> flagPositions(String t) {
        List<Integer> pos = new ArrayList<>();
        for (int i = 0; i < t.length(); i++) {
            if (DASHES.indexOf(t.charAt(i)) >= 0 && (i == 0 || !Character.isLetterOrDigit(t.charAt(i - 1)))
                    && i + 1 < t.length() && Character.isLetterOrDigit(t.charAt(i + 1))) {
                pos.add(i);
            }
        }
        return pos;
    }

    /** Text parts as bytes of the charset, kept as one char per byte so later modifiers see bytes. */
    private static SigmaString encode(SigmaString s, java.nio.charset.Charset cs, boolean bom) {
        List<SigmaString.Part> out = new ArrayList<>();
        if (bom) out.add(new SigmaString.Text("\u00ff\u00fe"));
        for (SigmaString.Part p : s.parts()) {
            if (p instanceof SigmaString.Text t) {
                out.add(new SigmaString.Text(new String(t.text().getBytes(cs), StandardCharsets.ISO_8859_1)));
            } else {
                out.add(p);
            }
        }
        return new SigmaString(out);
    }

    /** The bytes a base64 modifier encodes: the text's UTF-8 bytes, or the bytes an encoding modifier made. */
    private static byte[] bytes(SigmaString s, String modifier, boolean encoded) {
        if (s.hasWildcards()) throw new RuleException("'" + modifier + "' cannot encode wildcards", "|" + modifier);
        return s.plain().getBytes(encoded ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
    }

    /**
     * base64offset: the value may start at any of three byte offsets inside the encoded data; for each, the
     * base64 characters that depend only on the value (not on its neighbours) are kept.
     */
    static List<SigmaString> base64offset(byte[] value) {
        List<SigmaString> out = new ArrayList<>();
        int[] dropStart = {0, 2, 3};
        for (int shift = 0; shift < 3; shift++) {
            byte[] shifted = new byte[value.length + shift];
            System.arraycopy(value, 0, shifted, shift, value.length);
            String enc = Base64.getEncoder().encodeToString(shifted);
            int rem = (value.length + shift) % 3;
            int dropEnd = rem == 0 ? 0 : rem == 1 ? 3 : 2;
            int from = dropStart[shift];
            int to = enc.length() - dropEnd;
            if (to > from) out.add(SigmaString.literal(enc.substring(from, to)));
        }
        return out;
    }
}
