package dwell.sigma;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The writing half of the rule cache's entry formats ({@link RuleSetCodec}, {@link LogsourceMappingCodec}):
 * variable-length counts, texts numbered on first use, lists and maps.
 */
final class EntryOut {
    private byte[] buf = new byte[1 << 16];
    private int size;
    private final Map<String, Integer> texts = new HashMap<>();

    private void room(int n) {
        if (size + n > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + n));
    }

    void tag(byte t) {
        room(1);
        buf[size++] = t;
    }

    /** A non-negative int, seven bits a byte, low group first. */
    void count(int v) {
        if (v < 0) throw new IllegalArgumentException("negative count " + v);
        room(5);
        while ((v & ~0x7f) != 0) {
            buf[size++] = (byte) (v & 0x7f | 0x80);
            v >>>= 7;
        }
        buf[size++] = (byte) v;
    }

    void lng(long v) {
        room(8);
        for (int shift = 56; shift >= 0; shift -= 8) buf[size++] = (byte) (v >>> shift);
    }

    void flag(boolean v) {
        tag((byte) (v ? 1 : 0));
    }

    /** A text's number, followed by the text itself on its first use (numbered from 1: 0 is null). */
    void nullable(String s) {
        if (s == null) {
            count(0);
            return;
        }
        Integer known = texts.get(s);
        if (known != null) {
            count(known);
            return;
        }
        int id = texts.size() + 1;
        texts.put(s, id);
        count(id);
        boolean latin1 = true;
        for (int i = 0; i < s.length() && latin1; i++) latin1 = s.charAt(i) < 0x100;
        // Latin-1 text a byte a character (most rules are ASCII); other text as UTF-16 code units, so lone
        // surrogates survive; the length's lowest bit tells which
        count(s.length() << 1 | (latin1 ? 0 : 1));
        room(2 * s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!latin1) buf[size++] = (byte) (c >>> 8);
            buf[size++] = (byte) c;
        }
    }

    void text(String s) {
        if (s == null) throw new IllegalArgumentException("a text the format requires is null");
        nullable(s);
    }

    void texts(List<String> l) {
        list(l, this::text);
    }

    <T> void list(List<T> items, java.util.function.Consumer<T> each) {
        count(items.size());
        for (T t : items) each.accept(t);
    }

    /** A map's entries by key: immutable maps iterate in an order of their own, and equal sets encode alike. */
    <V> void map(Map<String, V> m, java.util.function.Consumer<V> each) {
        count(m.size());
        for (Map.Entry<String, V> e : new TreeMap<>(m).entrySet()) {
            text(e.getKey());
            each.accept(e.getValue());
        }
    }

    /** A part of the entry made apart (say deflated): its length, then its bytes. */
    void part(byte[] bytes) {
        count(bytes.length);
        room(bytes.length);
        System.arraycopy(bytes, 0, buf, size, bytes.length);
        size += bytes.length;
    }

    byte[] bytes() {
        return Arrays.copyOf(buf, size);
    }
}
