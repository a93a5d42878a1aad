package dwell.sigma;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parses a detection (or filter) section into searches and conditions, checking every name a condition uses. */
final class DetectionParser {
    private final ValueCompiler values;

    public DetectionParser(Placeholders placeholders) {
        this.values = new ValueCompiler(placeholders);
    }

    /** Parses a detection map; {@code skip} lists keys that are not search identifiers (e.g. a filter's rules). */
    public Detection parse(JsonNode detection, String... skip) {
        if (detection == null || !detection.isObject()) throw new RuleException("detection must be a map", "detection:");
        List<String> skipped = Arrays.asList(skip);
        Map<String, Search> searches = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = detection.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String k = e.getKey();
            if (k.equals("condition") || k.equals("timeframe") || skipped.contains(k)) continue;
            try {
                searches.put(k, search(e.getValue()));
            } catch (RuleException ex) {
                throw new RuleException("search '" + k + "': " + ex.getMessage(), ex.locator() != null ? ex.locator() : k + ":");
            }
        }
        JsonNode cond = detection.get("condition");
        if (cond == null || cond.isNull()) throw new RuleException("detection has no condition", "detection:");
        List<String> texts = new ArrayList<>();
        if (cond.isArray()) cond.forEach(c -> texts.add(c.asText()));
        else if (cond.isValueNode()) texts.add(cond.asText());
        else throw new RuleException("condition must be a string or a list of strings", "condition:");
        if (texts.isEmpty()) throw new RuleException("empty condition list", "condition:");
        List<Condition> conditions = new ArrayList<>();
        for (String t : texts) {
            Condition c = ConditionParser.parse(t);
            Binder.check(c, searches.keySet());
            conditions.add(c);
        }
        return new Detection(searches, conditions);
    }

    Search search(JsonNode v) {
        if (v == null || v.isNull()) throw new RuleException("empty search");
        if (v.isObject()) return map(v);
        if (v.isArray()) {
            if (v.isEmpty()) throw new RuleException("empty list");
            List<JsonNode> keywords = new ArrayList<>();
            List<Search> maps = new ArrayList<>();
            for (JsonNode e : v) {
                if (e.isObject()) maps.add(map(e));
                else if (e.isArray()) throw new RuleException("nested list in a search");
                else keywords.add(e);
            }
            if (!keywords.isEmpty()) maps.add(keywords(List.of(), keywords));
            return maps.size() == 1 ? maps.get(0) : new Search.Any(maps);
        }
        return keywords(List.of(), List.of(v));
    }

    private Search map(JsonNode m) {
        List<Search> items = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = m.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String[] parts = e.getKey().split("\\|", -1);
            String field = parts[0].trim();
            List<String> mods = new ArrayList<>(Arrays.asList(parts).subList(1, parts.length));
            List<JsonNode> vals = new ArrayList<>();
            JsonNode v = e.getValue();
            if (v.isArray()) v.forEach(vals::add);
            else if (v.isObject()) throw new RuleException("field '" + field + "': a map is not a value", e.getKey());
            else vals.add(v);
            if (field.isEmpty()) {
                items.add(keywords(mods, vals));
            } else {
                try {
                    items.add(new Search.Field(field, values.compile(Modifiers.parse(mods), vals)));
                } catch (RuleException ex) {
                    throw new RuleException("field '" + e.getKey() + "': " + ex.getMessage(),
                            ex.locator() != null ? ex.locator() : e.getKey());
                }
            }
        }
        if (items.isEmpty()) throw new RuleException("empty map");
        return items.size() == 1 ? items.get(0) : new Search.All(items);
    }

    private Search keywords(List<String> mods, List<JsonNode> vals) {
        Modifiers m = Modifiers.parse(mods);
        if (m.kind() == Modifiers.Kind.EQUALS) {
            // a keyword is looked for inside the record, not compared with a whole value
            m = new Modifiers(Modifiers.Kind.CONTAINS, m.transforms(), m.all(), m.cased(), m.neq(), m.fieldref(),
                    m.reI(), m.reM(), m.reS());
        }
        if (m.fieldref()) throw new RuleException("'fieldref' needs a field");
        return new Search.Keywords(values.compile(m, vals));
    }
}
