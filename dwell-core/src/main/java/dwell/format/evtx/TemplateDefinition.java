package dwell.format.evtx;

import java.util.Arrays;

/**
 * A template definition as parsed once, kept to recognise the same definition in another chunk: its bytes from the
 * GUID on, and the names its body refers to. A chunk refers to names by chunk offset, so the same template defined at
 * another offset differs in exactly those places: a name stored inline moves with the definition, a name stored
 * elsewhere in the chunk (defined by an earlier template) must decode to the same text; the chunk's string-table links
 * in the inline names and the definition's link to the next template are not part of what a parse reads.
 */
final class TemplateDefinition {
    /** The definition's header before its GUID: the link to the next template, different in every chunk. */
    private static final int LINK = 4;

    private final Template template;
    /** The definition's bytes, the link's place included (not compared). */
    private final byte[] bytes;
    /** Where each name offset the body holds lies, relative to the definition, in the order parsed. */
    private final int[] fields;
    /**
     * Where each name lies relative to the definition when it is an inline name of this definition (its structure
     * right after a name offset, compared with the bytes), or -1 for a name elsewhere (compared by its text).
     */
    private final int[] targets;
    private final String[] names;

    private TemplateDefinition(Template template, byte[] bytes, int[] fields, int[] targets, String[] names) {
        this.template = template;
        this.bytes = bytes;
        this.fields = fields;
        this.targets = targets;
        this.names = names;
    }

    Template template() {
        return template;
    }

    /** The key the definition is filed under: its GUID and its length. */
    static long key(byte[] b, int offset, int end) {
        return Le.i64(b, offset + 4) * 31 + Le.i64(b, offset + 12) ^ (long) (end - offset) << 40;
    }

    long key() {
        return key(bytes, 0, bytes.length);
    }

    /**
     * Whether the definition at {@code offset} to {@code end} of {@code chunk} parses into this one's template: the
     * same bytes but for the name offsets, which refer to the same names. On a match the chunk learns the names at
     * their offsets, as the parse would have decoded them there.
     */
    boolean matches(ChunkData chunk, int offset, int end) {
        if (end - offset != bytes.length) return false;
        byte[] b = chunk.bytes();
        int from = LINK;
        for (int i = 0; i < fields.length; i++) {
            int field = fields[i];
            if (!Arrays.equals(bytes, from, field, b, offset + from, offset + field)) return false;
            int name = Le.i32(b, offset + field);
            if (targets[i] >= 0) {
                if (name != offset + targets[i]) return false;
                // an inline name's link into the chunk's string table is not read; its hash, length and text are
                from = targets[i] == field + 4 ? field + 8 : field + 4;
            } else {
                if (name == offset + field + 4 || !sameName(chunk, name, names[i])) return false;
                from = field + 4;
            }
        }
        if (!Arrays.equals(bytes, from, bytes.length, b, offset + from, end)) return false;
        for (int i = 0; i < fields.length; i++) chunk.knownName(Le.i32(b, offset + fields[i]), names[i]);
        return true;
    }

    private static boolean sameName(ChunkData chunk, int offset, String name) {
        try {
            return chunk.name(offset).equals(name);
        } catch (EvtxFormatException e) {
            return false; // the parse reports it
        }
    }

    /** Collects the names a template body's parse meets, for the definition it becomes. */
    static final class Recorder {
        private final int offset;
        private int[] fields = new int[16];
        private int[] targets = new int[16];
        private String[] names = new String[16];
        private int count;
        private boolean nested;

        /** @param offset where the definition lies in its chunk */
        Recorder(int offset) {
            this.offset = offset;
        }

        /** The parse read a name offset at chunk position {@code field}: {@code name}, stored at {@code at}. */
        void name(int field, int at, String name) {
            if (count == fields.length) {
                fields = Arrays.copyOf(fields, 2 * count);
                targets = Arrays.copyOf(targets, 2 * count);
                names = Arrays.copyOf(names, 2 * count);
            }
            fields[count] = field - offset;
            targets[count] = inline(at - offset, field - offset) ? at - offset : -1;
            names[count++] = name;
        }

        /** Whether {@code at} is an inline name of the definition: right after this name offset, or an earlier one. */
        private boolean inline(int at, int field) {
            if (at == field + 4) return true;
            for (int i = 0; i < count; i++) if (targets[i] == at && at == fields[i] + 4) return true;
            return false;
        }

        /**
         * The body holds a template instance: its template and values are the chunk's own (offsets into it), so the
         * definition is not kept.
         */
        void nested() {
            nested = true;
        }

        /** The definition at {@code offset} to {@code end} of {@code b}, parsed into {@code template}; null if not kept. */
        TemplateDefinition definition(byte[] b, int end, Template template) {
            if (nested) return null;
            return new TemplateDefinition(template, Arrays.copyOfRange(b, offset, end), Arrays.copyOf(fields, count),
                    Arrays.copyOf(targets, count), Arrays.copyOf(names, count));
        }
    }
}
