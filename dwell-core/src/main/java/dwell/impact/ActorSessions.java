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
import dwell.pivot.SealedIndex;
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
 * one of its strong addresses, and every event that carries both an account and the address the actor was seen
 * using it from (an account and source on one event of the incident's own findings). A service account the actor
 * stole is so followed where the actor used it, not where its owner does; a delegate's or a user's own requests
 * carry neither and never count.
 */
final class ActorSessions {
    private static final List<FieldRole> SOURCE = List.of(FieldRole.CLIENT_ADDRESS);
    private static final List<FieldRole> ACCOUNT = List.of(FieldRole.ACCOUNT);

    /** An account and the address the actor used it from, both as the index normalises them. */
    record Pair(Value account, Value source) {
    }

    private final SealedIndex index;
    private final Hosts hosts;
    private final PivotFields fields;
    private final Exclusions exclusions;
    private final Set<String> principals;

    ActorSessions(SealedIndex index, Hosts hosts, PivotFields fields, Exclusions exclusions, Set<String> principals) {
        this.index = index;
        this.hosts = hosts;
        this.fields = fields;
        this.exclusions = exclusions;
        this.principals = principals;
    }

    /** The index's events that are the actor's, as a set of event numbers. */
    BitSet events(Incident incident, List<Finding> members) {
        Set<String> realms = new TreeSet<>();
        for (Finding f : members) realms.add(Hosts.realm(f.host(), f.evidence().path()));
        BitSet out = new BitSet();
        for (Incident.Attributed a : incident.indicators()) {
            if (a.strength() != Strength.STRONG || !a.type().equals(Kind.IP.id())) continue;
            collect(new Value(Kind.IP, a.value()), null, realms, out);
        }
        for (Pair p : pairs(members)) collect(p.account(), p.source(), realms, out);
        return out;
    }

    /** The (account, source) pairs of the incident's actor evidence: its detections and strong pivot hits. */
    List<Pair> pairs(List<Finding> members) {
        Set<Pair> out = new java.util.LinkedHashSet<>();
        FieldRoles roles = fields.roles();
        for (Finding f : members) {
            if (f.event() == null || f.detector().equals(Pivot.DETECTOR) && !"strong".equals(f.details().get("strength"))) continue;
            String source = roles.firstOf(f.event(), SOURCE);
            String account = roles.firstOf(f.event(), ACCOUNT);
            if (source == null || account == null) continue;
            List<Value> ips = new ArrayList<>();
            fields.extract(roles.fieldsOf(FieldRole.CLIENT_ADDRESS).get(0), source, v -> {
                if (v.kind() == Kind.IP) ips.add(v);
            });
            List<Value> accounts = new ArrayList<>();
            fields.extract(roles.fieldsOf(FieldRole.ACCOUNT).get(0), account, accounts::add);
            for (Value a : accounts) {
                if (a.kind() != Kind.ACCOUNT || principals.contains(a.value()) || exclusions.excluded(a, Set.of())) continue;
                for (Value ip : ips) out.add(new Pair(a, ip));
            }
        }
        return List.copyOf(out);
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
