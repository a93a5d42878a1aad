package dwell.format.evtx;

import java.time.Instant;
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
    private final List<Admitted> window = new ArrayList<>();
    /** Index in {@link #window} of the next chunk to judge. */
    private int next;
    private boolean ended;

    /** Takes the file's next chunk, in file order. */
    void admit(ChunkResult chunk) {
        window.add(new Admitted(chunk));
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
        if (window.get(next).chunk != chunk) throw new IllegalStateException("chunk " + chunk.index() + " judged out of order");
        BitSet copies = new BitSet();
        List<EvtxEvent> events = chunk.events();
        int from = Math.max(0, next - REACH);
        int to = Math.min(window.size() - 1, next + REACH);
        for (int i = 0; i < events.size(); i++) {
            EvtxEvent copy = events.get(i);
            if (!copy.recovered()) continue;
            for (int c = from; c <= to; c++) {
                if (window.get(c).hasOriginal(copy)) {
                    copies.set(i);
                    break;
                }
            }
        }
        next++;
        while (next > REACH) {
            window.remove(0);
            next--;
        }
        return copies;
    }

    /**
     * A chunk of the window and its live records by write time, filed when a copy is first judged against it and
     * kept while it is in reach: a copy has its original's write time, which the record header gives, where its
     * record id is a walk of the event to its EventRecordID (every live record of nine chunks walked for each
     * chunk judged was 2% of a dump).
     */
    private static final class Admitted {
        final ChunkResult chunk;
        private Map<Instant, List<EvtxEvent>> live;

        Admitted(ChunkResult chunk) {
            this.chunk = chunk;
        }

        boolean hasOriginal(EvtxEvent copy) {
            if (live == null) {
                live = new HashMap<>();
                for (EvtxEvent e : chunk.events()) {
                    if (!e.recovered()) live.computeIfAbsent(e.written(), t -> new ArrayList<>(1)).add(e);
                }
            }
            for (EvtxEvent original : live.getOrDefault(copy.written(), List.of())) {
                if (isCopy(copy, original)) return true;
            }
            return false;
        }
    }

    /**
     * The same record: same record id (EventRecordID, else the header's number), same write time, and every field
     * of the copy present in the original with the same value. A copy may have fewer fields: carved from another
     * chunk, the nested templates it refers to may be gone (EventData missing: 25 of the corpus's 281 copies).
     * An older record that reused the id (the log was cleared since) differs in its times.
     */
    static boolean isCopy(EvtxEvent copy, EvtxEvent original) {
        if (!Objects.equals(copy.written(), original.written()) || copy.recordId() != original.recordId()) return false;
        Map<String, String> have = original.fields();
        for (Map.Entry<String, String> f : copy.fields().entrySet()) {
            String v = have.get(f.getKey());
            if (v == null || !v.equals(f.getValue())) return false;
        }
        return true;
    }
}
