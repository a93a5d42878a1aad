package dwell.pivot;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/** Interns values to dense int ids, safely from many threads. */
final class Dictionary<T> {
    private final ConcurrentHashMap<T, Integer> ids = new ConcurrentHashMap<>();
    private final List<T> values = new ArrayList<>();

    int id(T value) {
        Integer id = ids.get(value);
        if (id != null) return id;
        synchronized (values) {
            return ids.computeIfAbsent(value, v -> {
                values.add(v);
                return values.size() - 1;
            });
        }
    }

    /** The id of a value already interned, or -1. */
    int find(T value) {
        Integer id = ids.get(value);
        return id == null ? -1 : id;
    }

    T get(int id) {
        synchronized (values) {
            return values.get(id);
        }
    }

    int size() {
        synchronized (values) {
            return values.size();
        }
    }

    /**
     * Approximate heap bytes: per entry a map node, a boxed id and a list slot (~64 bytes), plus the strings'
     * characters; field names, hosts and item paths are few, so an estimate serves.
     */
    long bytes() {
        synchronized (values) {
            long b = 64L * values.size();
            for (T v : values) b += v instanceof String s ? 40 + 2L * s.length() : 32;
            return b;
        }
    }

    /** A snapshot of all values by id, for single-threaded reading after the first pass. */
    List<T> snapshot() {
        synchronized (values) {
            return List.copyOf(values);
        }
    }
}
