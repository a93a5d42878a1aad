package dwell.sigma;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The modifier chain of a field item, parsed: how values compare ({@link Kind}), the transformations applied
 * to each value in the order written, and the flags (all, cased, neq, regex i/m/s).
 */
record Modifiers(Kind kind, List<String> transforms, boolean all, boolean cased, boolean neq,
                        boolean fieldref, boolean reI, boolean reM, boolean reS) {
    /** How a value is compared with the field. */
    public enum Kind {
        EQUALS, CONTAINS, STARTSWITH, ENDSWITH, RE, CIDR, LT, LTE, GT, GTE, EXISTS,
        MINUTE, HOUR, DAY, WEEK, MONTH, YEAR
    }

    private static final List<String> TRANSFORMS = List.of("base64", "base64offset", "utf16le", "utf16be", "utf16",
            "wide", "windash", "expand");

    public Modifiers {
        transforms = List.copyOf(transforms);
    }

    /** Parses the names after the field name; throws a rule error naming an unknown or conflicting modifier. */
    public static Modifiers parse(List<String> names) {
        Kind kind = Kind.EQUALS;
        List<String> transforms = new ArrayList<>();
        boolean all = false, cased = false, neq = false, fieldref = false, i = false, m = false, s = false;
        for (String raw : names) {
            String n = raw.trim().toLowerCase(Locale.ROOT);
            if (TRANSFORMS.contains(n)) {
                transforms.add(n.equals("wide") ? "utf16le" : n);
                continue;
            }
            switch (n) {
                case "all" -> all = true;
                case "cased" -> cased = true;
                case "neq" -> neq = true;
                case "fieldref" -> fieldref = true;
                case "i", "ignorecase" -> i = true;
                case "m", "multiline" -> m = true;
                case "s", "dotall" -> s = true;
                default -> {
                    Kind k = kind(n);
                    if (k == null) throw new RuleException("unknown modifier '" + raw + "'", "|" + raw);
                    if (kind != Kind.EQUALS && kind != k) {
                        throw new RuleException("modifiers '" + kind.name().toLowerCase(Locale.ROOT) + "' and '" + raw
                                + "' cannot be combined", "|" + raw);
                    }
                    kind = k;
                }
            }
        }
        if ((i || m || s) && kind != Kind.RE) throw new RuleException("modifiers i, m and s apply to 're' only", "|");
        if (fieldref && !(kind == Kind.EQUALS || kind == Kind.CONTAINS || kind == Kind.STARTSWITH || kind == Kind.ENDSWITH)) {
            throw new RuleException("'fieldref' combines only with contains, startswith, endswith, cased and neq", "|fieldref");
        }
        if (fieldref && !transforms.isEmpty()) throw new RuleException("'fieldref' cannot be transformed", "|fieldref");
        if (!transforms.isEmpty() && !(kind == Kind.EQUALS || kind == Kind.CONTAINS || kind == Kind.STARTSWITH
                || kind == Kind.ENDSWITH)) {
            throw new RuleException("modifier '" + transforms.get(0) + "' needs a string comparison, not '"
                    + kind.name().toLowerCase(Locale.ROOT) + "'", "|" + transforms.get(0));
        }
        return new Modifiers(kind, transforms, all, cased, neq, fieldref, i, m, s);
    }

    private static Kind kind(String n) {
        return switch (n) {
            case "contains" -> Kind.CONTAINS;
            case "startswith" -> Kind.STARTSWITH;
            case "endswith" -> Kind.ENDSWITH;
            case "re" -> Kind.RE;
            case "cidr" -> Kind.CIDR;
            case "lt" -> Kind.LT;
            case "lte" -> Kind.LTE;
            case "gt" -> Kind.GT;
            case "gte" -> Kind.GTE;
            case "exists" -> Kind.EXISTS;
            case "minute" -> Kind.MINUTE;
            case "hour" -> Kind.HOUR;
            case "day" -> Kind.DAY;
            case "week" -> Kind.WEEK;
            case "month" -> Kind.MONTH;
            case "year" -> Kind.YEAR;
            default -> null;
        };
    }
}
