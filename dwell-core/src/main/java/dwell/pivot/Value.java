package dwell.pivot;

/** One typed indicator value, normalised for lookup. */
public record Value(Kind kind, String value) implements Comparable<Value> {
    @Override
    public int compareTo(Value o) {
        int c = kind.compareTo(o.kind);
        return c != 0 ? c : value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return kind.id() + ":" + value;
    }
}
