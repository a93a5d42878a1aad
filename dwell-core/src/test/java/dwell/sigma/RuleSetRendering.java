package dwell.sigma;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Everything a rule load gives, as text: records render their parts, so equal text is an equal load. Maps are
 * rendered by key, since an immutable map's iteration order depends on the order its entries were put in.
 */
final class RuleSetRendering {
    private RuleSetRendering() {
    }

    static String of(RuleSet s) {
        return s.rules().stream().map(RuleSetRendering::rule).collect(Collectors.joining("\n")) + "\n"
                + s.correlations().stream().map(RuleSetRendering::correlation)
                        .collect(Collectors.joining("\n")) + "\n"
                + s.filters().stream().map(f -> f.id() + " " + f.title() + " " + f.logSource() + " " + f.rules() + " "
                        + detection(f.detection()) + " " + f.origin()).collect(Collectors.joining("\n")) + "\n"
                + s.rejected() + "\n" + s.files();
    }

    private static String rule(SigmaRule r) {
        return String.join(" | ", r.id(), String.valueOf(r.name()), r.title(), r.level().toString(), String.valueOf(r.status()),
                r.tags().toString(), r.logSource().toString(), detection(r.detection()), r.fields().toString(),
                new TreeMap<>(r.meta()).toString(), r.origin().toString());
    }

    private static String correlation(CorrelationRule c) {
        return String.join(" | ", c.id(), String.valueOf(c.name()), c.title(), c.level().toString(), c.tags().toString(),
                c.type().toString(), c.rules().toString(), c.groupBy().toString(), c.timespan().toString(),
                new TreeMap<>(c.threshold().bounds()).toString(), String.valueOf(c.field()), Double.toString(c.percentile()),
                sorted(c.aliases()), Boolean.toString(c.generate()), c.origin().toString());
    }

    private static String detection(Detection d) {
        return new TreeMap<>(d.searches()) + " " + d.conditions();
    }

    private static String sorted(Map<String, Map<String, String>> m) {
        Map<String, Map<String, String>> out = new TreeMap<>();
        m.forEach((k, v) -> out.put(k, new TreeMap<>(v)));
        return out.toString();
    }
}
