package dwell.sigma;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reading half of the rule cache's entry formats ({@link EntryOut}); every count is checked against the bytes
 * left, every index against what it indexes.
 */
final class EntryIn {
    /** Deeper nesting than rules can have means bytes we did not write. */
    private static final int MAX_DEPTH = 200;
    final ByteBuffer b;
    private final List<String> texts = new ArrayList<>();

    EntryIn(byte[] bytes) {
        b = ByteBuffer.wrap(bytes);
    }

    /** Bytes of the entry that {@link EntryOut#part} wrote: a range of this entry's array. */
    record Part(byte[] bytes, int offset, int length) {
    }

    /** The next part; an {@link IllegalArgumentException} when its length runs beyond the entry. */
    Part part() {
        int n = count();
        if (n > b.remaining()) throw new IllegalArgumentException("a part beyond the entry's end");
        Part p = new Part(b.array(), b.position(), n);
        b.position(b.position() + n);
        return p;
    }

    byte tag() {
        return b.get();
    }

    int count() {
        int v = 0;
        for (int shift = 0; ; shift += 7) {
            int x = b.get();
            if (shift == 28 && (x & 0xf8) != 0) throw new IllegalArgumentException("a count beyond 31 bits");
            v |= (x & 0x7f) << shift;
            if (x >= 0) return v;
        }
    }

    long lng() {
        return b.getLong();
    }

    boolean flag() {
        byte v = b.get();
        if (v != 0 && v != 1) throw new IllegalArgumentException("not a flag: " + v);
        return v == 1;
    }

    <E extends Enum<E>> E pick(E[] values) {
        int i = count();
        if (i >= values.length) throw new IllegalArgumentException("no " + values[0].getDeclaringClass().getSimpleName() + " numbered " + i);
        return values[i];
    }

    String nullable() {
        int id = count();
        if (id == 0) return null;
        if (id <= texts.size()) return texts.get(id - 1);
        if (id != texts.size() + 1) throw new IllegalArgumentException("text " + id + " before its definition");
        int shape = count();
        int chars = shape >>> 1;
        String s;
        if ((shape & 1) == 0) {
            if (chars > b.remaining()) throw new IllegalArgumentException("text beyond the entry's end");
            s = new String(b.array(), b.position(), chars, StandardCharsets.ISO_8859_1);
            b.position(b.position() + chars);
        } else {
            if (chars > b.remaining() / 2) throw new IllegalArgumentException("text beyond the entry's end");
            char[] c = new char[chars];
            for (int i = 0; i < chars; i++) c[i] = b.getChar();
            s = new String(c);
        }
        texts.add(s);
        return s;
    }

    String text() {
        String s = nullable();
        if (s == null) throw new IllegalArgumentException("a required text is missing");
        return s;
    }

    List<String> texts() {
        return list(this::text);
    }

    /** A count of items, each at least a byte: more than the bytes left is a damaged entry. */
    private int items() {
        int n = count();
        if (n > b.remaining()) throw new IllegalArgumentException("count " + n + " beyond the entry's end");
        return n;
    }

    /**
     * The items (never null) as an unmodifiable list, which the records holding it keep as it is: an {@code ArrayList}
     * was copied twice more by their {@code List.copyOf}, for each of the ~53,000 lists of SigmaHQ's Windows rules.
     */
    <T> List<T> list(java.util.function.Supplier<T> each) {
        int n = items();
        if (n == 0) return List.of();
        if (n == 1) return List.of(each.get());
        Object[] out = new Object[n];
        for (int i = 0; i < n; i++) out[i] = each.get();
        @SuppressWarnings("unchecked")
        List<T> list = (List<T>) List.of(out);
        return list;
    }

    <V> Map<String, V> map(java.util.function.Supplier<V> each) {
        int n = items();
        Map<String, V> out = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            String key = text();
            if (out.put(key, each.get()) != null) throw new IllegalArgumentException("a key twice in one map: " + key);
        }
        return out;
    }

    void depth(int depth) {
        if (depth > MAX_DEPTH) throw new IllegalArgumentException("nesting deeper than " + MAX_DEPTH);
    }
}
