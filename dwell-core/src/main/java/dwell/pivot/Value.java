package dwell.pivot;

/** One typed indicator value, normalised for lookup. */
public record Value(Kind kind, String value) implements Comparable<Value>, java.io.Serializable {
    @Override
    public int compareTo(Value o) {
        int c = kind.compareTo(o.kind);
        return c != 0 ? c : value.compareTo(o.value);
    }

    /** The account and the address of an {@link Kind#ACCOUNT_ADDRESS} value; null for any other value. */
    public Value[] parts() {
        int from = kind == Kind.ACCOUNT_ADDRESS ? value.lastIndexOf(Kind.FROM) : -1;
        if (from < 0) return null;
        return new Value[] {new Value(Kind.ACCOUNT, value.substring(0, from)), new Value(Kind.IP, value.substring(from + Kind.FROM.length()))};
    }

    @Override
    public String toString() {
        return kind.id() + ":" + value;
    }
}
