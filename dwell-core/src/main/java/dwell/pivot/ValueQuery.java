package dwell.pivot;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Values to look up in an {@link ItemIndex}: each found as itself, an account-address pair along its account (the
 * event must carry the address too); small enough to travel to every part of a distributed index.
 */
public final class ValueQuery implements Serializable {
    private static final long serialVersionUID = 1L;

    private final List<Value> wanted;
    /** The address half of each pair, null for a plain value. */
    private final List<Value> others = new ArrayList<>();
    /** The value an event must carry for each wanted value to be looked at: itself, or a pair's account. */
    private final Map<Value, int[]> byKey = new HashMap<>();

    public ValueQuery(Set<Value> values) {
        this.wanted = List.copyOf(values);
        for (int q = 0; q < wanted.size(); q++) {
            Value v = wanted.get(q);
            Value[] parts = v.kind() == Kind.ACCOUNT_ADDRESS ? v.parts() : null;
            others.add(parts == null ? null : parts[1]);
            Value key = key(v);
            int[] at = byKey.get(key);
            int[] grown = at == null ? new int[1] : java.util.Arrays.copyOf(at, at.length + 1);
            grown[grown.length - 1] = q;
            byKey.put(key, grown);
        }
    }

    /** The value an event must carry for {@code v} to be looked at: itself, or a pair's account. */
    public static Value key(Value v) {
        Value[] parts = v.kind() == Kind.ACCOUNT_ADDRESS ? v.parts() : null;
        return parts == null ? v : parts[0];
    }

    /** The values wanted, in the order given. */
    public List<Value> values() {
        return wanted;
    }

    public int size() {
        return wanted.size();
    }

    /** For each of an item's values, the wanted values it leads to (null for none); null when none at all. */
    int[][] matches(Value[] values) {
        int[][] out = new int[values.length][];
        boolean any = false;
        for (int i = 0; i < values.length; i++) {
            out[i] = byKey.get(values[i]);
            any |= out[i] != null;
        }
        return any ? out : null;
    }

    Value value(int q) {
        return wanted.get(q);
    }

    /** The address a pair's events must carry too; null for a plain value. */
    Value other(int q) {
        return others.get(q);
    }
}
