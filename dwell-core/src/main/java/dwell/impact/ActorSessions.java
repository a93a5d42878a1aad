package dwell.impact;

import dwell.event.FieldRole;
import dwell.event.FieldRoles;
import dwell.hunt.Finding;
import dwell.pivot.Exclusions;
import dwell.pivot.Hosts;
import dwell.pivot.Incident;
import dwell.pivot.Kind;
import dwell.pivot.Pivot;
import dwell.pivot.PivotFields;
import dwell.pivot.PivotIndex;
import dwell.pivot.Strength;
import dwell.pivot.Value;
import dwell.pivot.store.Postings;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The requests of an incident's actor in the first pass's index: every event of the incident's realms that carries
 * one of its strong addresses, and every event that carries both an account and the address - or the tooling's
 * user agent - the actor was seen using it with (on one event of the incident's own findings). A service account
 * the actor stole is so followed where the actor used it, not where its owner does; a delegate's or a user's own
 * requests carry neither and never count.
 */
final class ActorSessions {
    private static final List<FieldRole> SOURCE = List.of(FieldRole.CLIENT_ADDRESS);
    private static final List<FieldRole> ACCOUNT = List.of(FieldRole.ACCOUNT);
    private static final List<FieldRole> AGENT = List.of(FieldRole.USER_AGENT);

    /** An account and the address or tooling user agent the actor used it with, both as the index normalises them. */
    record Pair(Value account, Value with) {
    }

    private final PivotIndex index;
    private final Hosts hosts;
    private final PivotFields fields;
    private final Exclusions exclusions;
    private final Set<String> principals;

    private final ImpactRules rules;

    ActorSessions(PivotIndex index, Hosts hosts, PivotFields fields, Exclusions exclusions, Set<String> principals,
                  ImpactRules rules) {
        this.index = index;
        this.hosts = hosts;
        this.fields = fields;
        this.exclusions = exclusions;
        this.principals = principals;
        this.rules = rules;
    }

    /** The index's events that are the actor's, as a set of event numbers. */
    BitSet events(Incident incident, List<Finding> members) {
        Set<String> realms = new TreeSet<>();
        for (Finding f : members) realms.add(Hosts.realm(f.host(), f.evidence().path()));
        List<Value> addresses = addresses(incident);
        List<Pair> pairs = pairs(members);
        BitSet out = new BitSet();
        for (Value ip : addresses) collect(ip, null, realms, out);
        for (Pair p : pairs) collect(p.account(), p.with(), realms, out);
        return out;
    }

    /** The incident's strong addresses. */
    private static List<Value> addresses(Incident incident) {
        List<Value> out = new ArrayList<>();
        for (Incident.Attributed a : incident.indicators()) {
            if (a.strength() == Strength.STRONG && a.type().equals(Kind.IP.id())) out.add(new Value(Kind.IP, a.value()));
        }
        return out;
    }

    /**
     * Announces what {@link #events} will ask of the index for all these incidents (each with its members), at once: the
     * user agents {@link #pairs} weighs, the pairs' values, and the events of the addresses and of each pair's rarer value.
     * An index in this process takes no announcements: nothing is worked out for it.
     */
    void announce(List<Incident> incidents, List<List<Finding>> members) {
        if (!index.fetches()) return;
        List<Value> agents = new ArrayList<>();
        members.forEach(m -> agents.addAll(agents(m)));
        index.weighing(agents, "impact: the actors' user agents");
        List<Value> walked = new ArrayList<>();
        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < incidents.size(); i++) {
            walked.addAll(addresses(incidents.get(i)));
            pairs.addAll(pairs(members.get(i)));
        }
        List<Value> weighed = new ArrayList<>();
        for (Pair p : pairs) {
            weighed.add(p.account());
            weighed.add(p.with());
        }
        index.weighing(weighed, "impact: the actors' accounts");
        for (Pair p : pairs) walked.add(index.count(p.with()) < index.count(p.account()) ? p.with() : p.account());
        index.fetching(walked, "impact: the actors' requests");
    }

    /** The user agents of the members' events, which {@link #pairs} may weigh. */
    private List<Value> agents(List<Finding> members) {
        List<Value> out = new ArrayList<>();
        for (Finding f : members) {
            String agent = f.event() == null ? null : fields.roles().firstOf(f.event(), AGENT);
            if (agent != null) out.addAll(values(FieldRole.USER_AGENT, agent, Kind.USER_AGENT));
        }
        return out;
    }

    /** The (account, source) and (account, tooling user agent) pairs of the incident's actor evidence: its detections and strong pivot hits. */
    List<Pair> pairs(List<Finding> members) {
        Set<Pair> out = new java.util.LinkedHashSet<>();
        FieldRoles roles = fields.roles();
        for (Finding f : members) {
            if (f.event() == null || f.detector().equals(Pivot.DETECTOR) && !"strong".equals(f.details().get("strength"))) continue;
            String account = roles.firstOf(f.event(), ACCOUNT);
            if (account == null) continue;
            List<Value> with = values(FieldRole.CLIENT_ADDRESS, roles.firstOf(f.event(), SOURCE), Kind.IP);
            String agent = roles.firstOf(f.event(), AGENT);
            if (agent != null && !rules.clientUserAgent(agent)) {
                for (Value ua : values(FieldRole.USER_AGENT, agent, Kind.USER_AGENT)) {
                    if (tooling(ua)) with.add(ua);
                }
            }
            for (Value a : values(FieldRole.ACCOUNT, account, Kind.ACCOUNT)) {
                if (principals.contains(a.value()) || exclusions.excluded(a, Set.of())) continue;
                for (Value w : with) out.add(new Pair(a, w));
            }
        }
        return List.copyOf(out);
    }

    /** A user agent few accounts and addresses carry: a script's or tool's, not everybody's client. */
    private boolean tooling(Value ua) {
        return index.distinctAlongside(ua, Kind.ACCOUNT, rules.toolingMaxAccounts()) <= rules.toolingMaxAccounts()
                && index.distinctAlongside(ua, Kind.IP, rules.toolingMaxAddresses()) <= rules.toolingMaxAddresses();
    }

    /** The values of {@code kind} the index holds for {@code text} in a field of {@code role}. */
    private List<Value> values(FieldRole role, String text, Kind kind) {
        List<Value> out = new ArrayList<>();
        if (text != null) {
            fields.extract(fields.roles().fieldsOf(role).get(0), text, v -> {
                if (v.kind() == kind) out.add(v);
            });
        }
        return out;
    }

    /** Events of {@code realms} carrying {@code v} (and {@code alongside}, when given). */
    private void collect(Value v, Value alongside, Set<String> realms, BitSet out) {
        // a pair is walked along its rarer value: a busy service account's postings can be most of the index
        if (alongside != null && index.count(alongside) < index.count(v)) {
            Value rarer = alongside;
            alongside = v;
            v = rarer;
        }
        Postings p = index.postings(v);
        for (int e = p.next(); e >= 0; e = p.next()) {
            if (out.get(e)) continue;
            String item = index.item(e);
            if (!realms.contains(Hosts.realm(hosts.hostOf(index.host(e), item), item))) continue;
            if (alongside != null && !carries(e, alongside)) continue;
            out.set(e);
        }
    }

    private boolean carries(int e, Value v) {
        for (Map.Entry<String, Value> fv : index.values(e)) {
            if (fv.getValue().equals(v)) return true;
        }
        return false;
    }
}
