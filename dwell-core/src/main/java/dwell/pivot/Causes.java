package dwell.pivot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dwell.event.FieldRole;
import dwell.event.FieldRoles;
import dwell.hunt.Finding;
import dwell.hunt.Indicator;
import dwell.net.IpAddress;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.IntPredicate;

/**
 * Links findings on one host by cause, by the rules of {@code dwell/pivot/causes.yaml}: what the IIS worker
 * process did (a shell it started, a cmdlet it ran) belongs to the flagged request that made it do so; an account
 * that fell belongs to the failed attempts of its address's network that won it.
 */
final class Causes {
    /** A kind of effect: fields whose value ends in a given way, a tag, and how long after its cause it may come. */
    record Effect(Fields fields, String endsWith, String tag, long withinSeconds) {
    }

    /** The fields an effect looks at: those of a field role, or one field by name. */
    sealed interface Fields {
        boolean include(String eventField, FieldRoles roles);

        static Fields of(JsonNode effect) {
            return effect.hasNonNull("role") ? new OfRole(FieldRole.byId(effect.get("role").asText()))
                    : new Named(effect.path("field").asText());
        }
    }

    record OfRole(FieldRole role) implements Fields {
        @Override
        public boolean include(String eventField, FieldRoles roles) {
            return roles.roleOf(eventField) == role;
        }
    }

    record Named(String name) implements Fields {
        @Override
        public boolean include(String eventField, FieldRoles roles) {
            return FieldRoles.sameField(eventField, name);
        }
    }

    /** Failed attempts (cause rule) and the logon they won (effect rule): addresses in one network, within seconds. */
    record Attempt(String effectRule, String causeRule, int prefixV4, int prefixV6, long withinSeconds) {
        boolean sameNetwork(IpAddress a, IpAddress b) {
            return a.samePrefix(b, a.v4() ? prefixV4 : prefixV6);
        }
    }

    /** An effect finding and the finding that caused it, as indexes into the list given to {@link #links}. */
    record Link(int effect, int cause) {
    }

    private final Set<String> causeTags;
    private final long skewSeconds;
    private final List<Effect> effects;
    private final Set<FieldRole> acting;
    private final Set<FieldRole> parent;
    private final Bursts bursts;
    private final List<Attempt> attempts;
    private final PivotFields fields;

    private Causes(Set<String> causeTags, long skewSeconds, List<Effect> effects, Set<FieldRole> acting,
                   Set<FieldRole> parent, Bursts bursts, List<Attempt> attempts, PivotFields fields) {
        this.causeTags = causeTags;
        this.skewSeconds = skewSeconds;
        this.effects = effects;
        this.acting = acting;
        this.parent = parent;
        this.bursts = bursts;
        this.attempts = attempts;
        this.fields = fields;
    }

    static Causes builtin(PivotFields fields) {
        try (InputStream in = Causes.class.getResourceAsStream("/dwell/pivot/causes.yaml")) {
            JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(in);
            Set<String> tags = new java.util.HashSet<>();
            root.path("cause-tags").forEach(t -> tags.add(t.asText().toLowerCase(Locale.ROOT)));
            List<Effect> effects = new ArrayList<>();
            root.path("effects").forEach(e -> effects.add(new Effect(Fields.of(e),
                    e.path("endswith").asText("").toLowerCase(Locale.ROOT), e.path("tag").asText(""),
                    e.path("within").asLong())));
            List<Attempt> attempts = new ArrayList<>();
            root.path("attempts").forEach(a -> attempts.add(new Attempt(a.path("effect").asText(), a.path("cause").asText(),
                    a.path("prefix-v4").asInt(32), a.path("prefix-v6").asInt(128), a.path("within").asLong())));
            return new Causes(tags, root.path("skew").asLong(), effects, roles(root.path("process-links").path("acting")),
                    roles(root.path("process-links").path("parent")), Bursts.of(root.path("bursts"), fields), attempts, fields);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The links among {@code findings}: each effect to its cause (same host, cause within the effect's window), and
     * findings of one process instance, or of a process and its parent, on one host, and bursts of detections on
     * one host among the findings {@code unindicated} accepts (those holding no strong value of their own).
     */
    List<Link> links(List<Finding> findings, IntPredicate unindicated) {
        List<Link> out = webLinks(findings);
        out.addAll(processLinks(findings));
        out.addAll(attemptLinks(findings));
        out.addAll(bursts.links(findings, unindicated));
        return out;
    }

    /** Each account that fell to the failed attempts that won it: same realm, an address in one network, in time. */
    private List<Link> attemptLinks(List<Finding> findings) {
        List<Link> out = new ArrayList<>();
        for (Attempt a : attempts) {
            List<Integer> causes = new ArrayList<>();
            for (int i = 0; i < findings.size(); i++) {
                if (findings.get(i).time() != null && findings.get(i).rule().id().equals(a.causeRule())) causes.add(i);
            }
            for (int i = 0; i < findings.size() && !causes.isEmpty(); i++) {
                Finding effect = findings.get(i);
                if (effect.time() == null || !effect.rule().id().equals(a.effectRule())) continue;
                String realm = Hosts.realm(effect.host(), effect.evidence().path());
                for (int c : causes) {
                    Finding cause = findings.get(c);
                    if (cause.time().isAfter(effect.time()) || cause.time().plusSeconds(a.withinSeconds()).isBefore(effect.time())
                            || !Hosts.realm(cause.host(), cause.evidence().path()).equals(realm)) continue;
                    if (shareNetwork(addresses(effect), addresses(cause), a)) out.add(new Link(i, c));
                }
            }
        }
        return out;
    }

    private static List<IpAddress> addresses(Finding f) {
        List<IpAddress> out = new ArrayList<>();
        for (Indicator i : f.indicators() == null ? List.<Indicator>of() : f.indicators()) {
            if (!i.type().equals(Kind.IP.id()) || i.value() == null) continue;
            IpAddress a = IpAddress.parseField(i.value(), 0, i.value().length());
            if (a != null) out.add(a);
        }
        return out;
    }

    private static boolean shareNetwork(List<IpAddress> effect, List<IpAddress> cause, Attempt a) {
        for (IpAddress e : effect) {
            for (IpAddress c : cause) {
                if (a.sameNetwork(e, c)) return true;
            }
        }
        return false;
    }

    private List<Link> processLinks(List<Finding> findings) {
        Map<String, Integer> firstActing = new HashMap<>();
        Map<Integer, List<String>> parents = new TreeMap<>();
        List<Link> out = new ArrayList<>();
        for (int i = 0; i < findings.size(); i++) {
            Finding f = findings.get(i);
            if (f.host() == null || f.event() == null || f.detector().equals(Pivot.DETECTOR)) continue;
            for (String guid : guids(f, acting)) {
                Integer prev = firstActing.putIfAbsent(f.host() + '\0' + guid, i);
                if (prev != null) out.add(new Link(i, prev));
            }
            List<String> ps = guids(f, parent);
            if (!ps.isEmpty()) parents.put(i, ps);
        }
        parents.forEach((i, ps) -> {
            for (String guid : ps) {
                Integer parent = firstActing.get(findings.get(i).host() + '\0' + guid);
                if (parent != null && parent != i) out.add(new Link(i, parent));
            }
        });
        return out;
    }

    private static Set<FieldRole> roles(JsonNode ids) {
        Set<FieldRole> out = EnumSet.noneOf(FieldRole.class);
        ids.forEach(n -> out.add(FieldRole.byId(n.asText())));
        return out;
    }

    /** The process GUIDs a finding's event holds in fields of the given roles (the all-zero GUID names no process). */
    private List<String> guids(Finding f, Set<FieldRole> roles) {
        List<String> out = new ArrayList<>();
        // forEach: an EVTX event's table makes no entry object per field
        f.event().forEach((name, v) -> {
            if (v == null || v.isBlank() || noProcess(v) || !roles.contains(fields.roles().roleOf(name))) return;
            out.add(v.strip().toLowerCase(Locale.ROOT));
        });
        return out;
    }

    /** True for a GUID of zeros (or nothing but braces, zeros and dashes); a loop, not a regex compiled per value. */
    private static boolean noProcess(String v) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c != '{' && c != '}' && c != '0' && c != '-') return false;
        }
        return true;
    }

    private List<Link> webLinks(List<Finding> findings) {
        // each host's flagged web requests, by time
        Map<String, TreeMap<Instant, Integer>> causesByHost = new HashMap<>();
        for (int i = 0; i < findings.size(); i++) {
            Finding f = findings.get(i);
            if (f.host() != null && f.time() != null && isCause(f)) {
                causesByHost.computeIfAbsent(f.host(), k -> new TreeMap<>()).putIfAbsent(f.time(), i);
            }
        }
        List<Link> out = new ArrayList<>();
        for (int i = 0; i < findings.size(); i++) {
            Finding f = findings.get(i);
            if (f.host() == null || f.time() == null || f.detector().equals(Pivot.DETECTOR)) continue;
            TreeMap<Instant, Integer> causes = causesByHost.get(f.host());
            if (causes == null) continue;
            Effect e = effectOf(f);
            if (e == null) continue;
            Map.Entry<Instant, Integer> c = causes.floorEntry(f.time().plusSeconds(skewSeconds));
            if (c != null && !c.getKey().isBefore(f.time().minusSeconds(e.withinSeconds())) && c.getValue() != i) {
                out.add(new Link(i, c.getValue()));
            }
        }
        return out;
    }

    /** A detector's finding on a web request, tagged as exploitation or web-shell use. */
    private boolean isCause(Finding f) {
        if (f.detector().equals(Pivot.DETECTOR) || f.event() == null) return false;
        boolean tagged = f.rule().tags().stream().anyMatch(t -> causeTags.contains(t.toLowerCase(Locale.ROOT)));
        if (!tagged) return false;
        boolean[] path = new boolean[1];
        f.event().forEach((name, value) -> {
            if (!path[0] && fields.kindOf(name) == Kind.PATH) path[0] = true;
        });
        return path[0];
    }

    private Effect effectOf(Finding f) {
        if (f.event() == null) return null;
        for (Effect e : effects) {
            if (!e.tag().isEmpty() && f.rule().tags().stream().noneMatch(e.tag()::equalsIgnoreCase)) continue;
            boolean[] ends = new boolean[1];
            f.event().forEach((name, value) -> {
                if (!ends[0] && value != null && e.fields().include(name, fields.roles())
                        && value.strip().toLowerCase(Locale.ROOT).endsWith(e.endsWith())) ends[0] = true;
            });
            if (ends[0]) return e;
        }
        return null;
    }
}
