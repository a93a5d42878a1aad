package dwell.event;

import java.util.AbstractMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * An event's fields that can be walked only with {@code forEach}, as the EVTX reader's field table is walked without
 * an entry object per field: code that walks them through {@code entrySet} (or {@code keySet}) fails on it.
 */
public final class ForEachOnly extends AbstractMap<String, String> {
    private final Map<String, String> fields;

    public ForEachOnly(Map<String, String> fields) {
        this.fields = new LinkedHashMap<>(fields);
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
        throw new UnsupportedOperationException("an event's fields walked through entrySet");
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super String> action) {
        fields.forEach(action);
    }

    @Override
    public String get(Object key) {
        return fields.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return fields.containsKey(key);
    }

    @Override
    public int size() {
        return fields.size();
    }
}
