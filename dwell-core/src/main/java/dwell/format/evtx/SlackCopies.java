package dwell.format.evtx;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Recognises the records carved from a file's slack space that are copies of its live records. Windows seems to
 * fill a chunk in a buffer that still holds the previous chunk: every copy in the attack-samples corpus lies in
 * the chunk right after its original, at the original's offset. Nothing in the format keeps a copy from lying
 * before its original (a circular log that wrapped puts the newest chunks first), so each chunk is judged
 * against its own live records and those of {@link #REACH} chunks before and after it, in file order: memory
 * holds {@code 2 * REACH + 1} chunks at most, and a copy whose original lies further away is delivered as a
 * recovered record (a duplicate, never a loss). Used on the thread that delivers a file's chunks.
 */
final class SlackCopies {
    /** How many chunks before and after a chunk may hold the originals of its slack copies. */
    static final int REACH = 4;

    /** Admitted chunks, from {@link #REACH} before the next one to judge to the last one parsed. */
    private final List<ChunkResult> window = new ArrayList<>();
    /** Index in {@link #window} of the next chunk to judge. */
    private int next;
    private boolean ended;

    /** Takes the file's next chunk, in file order. */
    void admit(ChunkResult chunk) {
        window.add(chunk);
    }

    /** The file has no more chunks. */
    void end() {
        ended = true;
    }

    /** Whether the next chunk to judge has all its neighbours: {@link #REACH} chunks after it, or the file's end. */
    boolean ready() {
        return next < window.size() && (ended || window.size() - next > REACH);
    }

    /**
     * Judges the next chunk (which must be {@code chunk}): the indexes of its recovered events that copy a live
     * record of a chunk at most {@link #REACH} away.
     */
    BitSet copies(ChunkResult chunk) {
        if (window.get(next) != chunk) throw new IllegalStateException("chunk " + chunk.index() + " judged out of order");
        BitSet copies = new BitSet();
        List<EvtxEvent> events = chunk.events();
        Map<Long, List<EvtxEvent>> originals = null;
        for (int i = 0; i < events.size(); i++) {
            if (!events.get(i).recovered()) continue;
            if (originals == null) originals = originals();
            if (hasOriginal(events.get(i), originals)) copies.set(i);
        }
        next++;
        while (next > REACH) {
            window.remove(0);
            next--;
        }
        return copies;
    }

    /**
     * The live records of the chunks within {@link #REACH} of the next one to judge, by record id: a copy has its
     * original's id, and comparing each copy with every live record of nine chunks was a twentieth of a pass.
     */
    private Map<Long, List<EvtxEvent>> originals() {
        Map<Long, List<EvtxEvent>> byId = new HashMap<>();
        int to = Math.min(window.size() - 1, next + REACH);
        for (int c = Math.max(0, next - REACH); c <= to; c++) {
            for (EvtxEvent live : window.get(c).events()) {
                if (!live.recovered()) byId.computeIfAbsent(live.recordId(), id -> new ArrayList<>(1)).add(live);
            }
        }
        return byId;
    }

    private static boolean hasOriginal(EvtxEvent copy, Map<Long, List<EvtxEvent>> originals) {
        for (EvtxEvent live : originals.getOrDefault(copy.recordId(), List.of())) {
            if (isCopy(copy, live)) return true;
        }
        return false;
    }

    /**
     * The same record: same record id (EventRecordID, else the header's number), same write time, and every field
     * of the copy present in the original with the same value. A copy may have fewer fields: carved from another
     * chunk, the nested templates it refers to may be gone (EventData missing: 25 of the corpus's 281 copies).
     * An older record that reused the id (the log was cleared since) differs in its times.
     */
    static boolean isCopy(EvtxEvent copy, EvtxEvent original) {
        if (copy.recordId() != original.recordId() || !Objects.equals(copy.written(), original.written())) return false;
        Map<String, String> have = original.fields();
        for (Map.Entry<String, String> f : copy.fields().entrySet()) {
            String v = have.get(f.getKey());
            if (v == null || !v.equals(f.getValue())) return false;
        }
        return true;
    }
}
