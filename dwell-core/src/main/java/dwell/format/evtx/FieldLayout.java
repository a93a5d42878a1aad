package dwell.format.evtx;

/**
 * The names one event's walk set in a field table, in order, with the field each set, and the table they gave: the
 * next events of the same template mostly set the same names in the same order, and then share that table's names
 * and index and fill in only their values ({@link FieldTableBuilder}), with no hashing or probing per field.
 * Immutable: the events of a chunk may have their fields worked out on several threads.
 */
final class FieldLayout {
    private final String[] names;
    private final int[] fields;
    private final int count;
    private final FieldTable shape;

    /** {@code count} steps: step {@code i} set {@code names[i]}, field {@code fields[i]} of {@code shape}. */
    FieldLayout(String[] names, int[] fields, int count, FieldTable shape) {
        this.names = names;
        this.fields = fields;
        this.count = count;
        this.shape = shape;
        shape.shareEncodedNames();
    }

    int count() {
        return count;
    }

    /** Whether step {@code step} set {@code name} (the same string object, nearly always: a template's own name). */
    boolean sets(int step, String name) {
        String n = names[step];
        return n == name || n.equals(name);
    }

    /** The field step {@code step} set: a new one when it equals the number of fields before it. */
    int field(int step) {
        return fields[step];
    }

    String name(int step) {
        return names[step];
    }

    /** The table whose names and index an event following this layout shares. */
    FieldTable shape() {
        return shape;
    }
}
