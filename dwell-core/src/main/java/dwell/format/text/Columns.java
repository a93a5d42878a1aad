package dwell.format.text;

import dwell.event.FieldAliases;
import dwell.event.FormatId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A header row: the column names of one item's records, shared by all of their events. A name written with spaces
 * also answers respelled ({@link FieldAliases#respellings}) unless another column has that name.
 */
public final class Columns {
    final String item;
    final FormatId format;
    final String[] names;
    private final Map<String, Integer> index;

    public Columns(String item, FormatId format, List<String> names) {
        this.item = item;
        this.format = format;
        this.names = names.toArray(String[]::new);
        this.index = new HashMap<>(this.names.length * 2);
        for (int i = 0; i < this.names.length; i++) index.putIfAbsent(this.names[i], i);
        for (int i = 0; i < this.names.length; i++) {
            for (String r : FieldAliases.builtIn().respellings(this.names[i])) index.putIfAbsent(r, i);
        }
    }

    /** The column of {@code name}, or -1. */
    public int indexOf(String name) {
        Integer i = index.get(name);
        return i == null ? -1 : i;
    }

    /** The first of {@code candidates} that is a column, or -1. */
    public int indexOfAny(String... candidates) {
        for (String c : candidates) {
            int i = indexOf(c);
            if (i >= 0) return i;
        }
        return -1;
    }

    public int size() {
        return names.length;
    }

    public String name(int i) {
        return names[i];
    }

    public String item() {
        return item;
    }

    public boolean sameNames(List<String> other) {
        if (other.size() != names.length) return false;
        for (int i = 0; i < names.length; i++) if (!names[i].equals(other.get(i))) return false;
        return true;
    }
}
