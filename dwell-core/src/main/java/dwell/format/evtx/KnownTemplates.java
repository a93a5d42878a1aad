package dwell.format.evtx;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The template definitions a stream's chunks parsed, for its later chunks: every chunk defines the templates its
 * records use anew, mostly the same few per provider, and a definition met again is the same template
 * ({@link TemplateDefinition#matches}). Shared by the threads parsing chunks; bounded.
 */
final class KnownTemplates {
    /** Far more than the 249 distinct definitions of the 277 samples; each is a few KB with its parsed body. */
    static final int MAX_DEFINITIONS = 2048;

    private final ConcurrentHashMap<Long, TemplateDefinition[]> byKey = new ConcurrentHashMap<>();
    private final AtomicInteger kept = new AtomicInteger();

    /** The template the definition at {@code offset} to {@code end} of {@code chunk} parses into, if known; else null. */
    Template find(ChunkData chunk, int offset, int end) {
        TemplateDefinition[] known = byKey.get(TemplateDefinition.key(chunk.bytes(), offset, end));
        if (known == null) return null;
        for (TemplateDefinition d : known) {
            if (d.matches(chunk, offset, end)) return d.template();
        }
        return null;
    }

    /** Keeps a definition for the chunks to come, while fewer than {@link #MAX_DEFINITIONS} are kept. */
    void add(TemplateDefinition d) {
        if (kept.get() >= MAX_DEFINITIONS) return;
        kept.incrementAndGet();
        byKey.merge(d.key(), new TemplateDefinition[] {d}, (old, one) -> {
            TemplateDefinition[] both = Arrays.copyOf(old, old.length + 1);
            both[old.length] = one[0];
            return both;
        });
    }
}
