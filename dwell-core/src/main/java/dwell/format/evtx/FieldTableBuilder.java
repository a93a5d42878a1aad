package dwell.format.evtx;

import java.util.Arrays;

/**
 * Fills one of an event's field tables as {@link FieldTable#set} and {@link FieldTable#join} would, following the
 * layout of an earlier event of its template while the walk sets the same names in the same order (then only the
 * values are stored, and the table shares the layout's names and index); when the names part from every known
 * layout, it fills a table of its own and notes its steps as a new layout.
 */
final class FieldTableBuilder {
    private final FieldLayout[] layouts;
    /** The layout followed; null once none is, until {@link #finish} makes one of this event's steps. */
    private FieldLayout layout;
    /** While following: the values, the steps taken, the fields made. */
    private String[] values;
    private int steps;
    private int made;
    /** Once following none: the table, and the steps that filled it (names and fields). */
    private FieldTable table;
    private String[] names;
    private int[] fields;

    /** @param layouts the layouts to follow, most likely first; {@code capacity}: room for most events' fields */
    FieldTableBuilder(FieldLayout[] layouts, int capacity) {
        this.layouts = layouts;
        if (layouts.length > 0 && layouts[0] != null) {
            layout = layouts[0];
            values = new String[layout.shape().size()];
        } else {
            table = new FieldTable(capacity);
            names = new String[capacity];
            fields = new int[capacity];
        }
    }

    /** Sets a field's value: a new name goes last, a known one keeps its place; returns the value it had, or null. */
    String set(String name, String value) {
        int i = step(name);
        if (i < 0) {
            add(name, value);
            return null;
        }
        String old = value(i);
        put(i, value);
        return old;
    }

    /** Adds a field, or joins the value to a known name's values with {@code ", "}. */
    void join(String name, String value) {
        int i = step(name);
        if (i < 0) add(name, value);
        else put(i, value(i) + ", " + value);
    }

    /** The table; call once, after the last step. */
    FieldTable finish() {
        if (table == null && steps < layout.count() && !switchTo(null)) diverge();
        if (table == null) return layout.shape().withValues(values);
        layout = new FieldLayout(names, fields, steps, table);
        return table;
    }

    /** The layout the event followed, or the one its steps gave (after {@link #finish}). */
    FieldLayout layout() {
        return layout;
    }

    /** Takes a step setting {@code name}: the field's index, or -1 when the name is new. */
    private int step(String name) {
        if (table == null) {
            if (steps < layout.count() && layout.sets(steps, name) || switchTo(name)) {
                int i = layout.field(steps++);
                return i < made ? i : -1;
            }
            diverge();
        }
        int i = table.indexOf(name);
        if (steps == names.length) {
            names = Arrays.copyOf(names, 2 * steps);
            fields = Arrays.copyOf(fields, 2 * steps);
        }
        names[steps] = name;
        fields[steps++] = i < 0 ? table.size() : i;
        return i;
    }

    /**
     * Follows another known layout whose steps so far are this event's and whose next step sets {@code name} (null:
     * that ends here); false if there is none.
     */
    private boolean switchTo(String name) {
        for (FieldLayout other : layouts) {
            if (other == null || other == layout) continue;
            if (name == null ? other.count() != steps : other.count() <= steps || !other.sets(steps, name)) continue;
            if (!samePrefix(other)) continue;
            layout = other;
            values = Arrays.copyOf(values, other.shape().size());
            return true;
        }
        return false;
    }

    private boolean samePrefix(FieldLayout other) {
        for (int s = 0; s < steps; s++) {
            if (!other.sets(s, layout.name(s))) return false;
        }
        return true;
    }

    /** Leaves the layouts: the fields made so far go into a table of this event's own, the steps taken into its notes. */
    private void diverge() {
        int capacity = Math.max(2 * steps, 8);
        FieldTable shape = layout.shape();
        table = new FieldTable(Math.max(capacity, shape.size()));
        for (int i = 0; i < made; i++) table.add(shape.nameAt(i), values[i]);
        names = new String[capacity];
        fields = new int[capacity];
        for (int s = 0; s < steps; s++) {
            names[s] = layout.name(s);
            fields[s] = layout.field(s);
        }
        layout = null;
    }

    private void add(String name, String value) {
        if (table == null) values[made++] = value;
        else table.add(name, value);
    }

    private String value(int i) {
        return table == null ? values[i] : table.valueAt(i);
    }

    private void put(int i, String value) {
        if (table == null) values[i] = value;
        else table.valueAt(i, value);
    }
}
