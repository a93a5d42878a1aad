package dwell.format.evtx;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/** What one chunk gave: its events in file order and the problems met reading it. */
public record ChunkResult(int index, List<EvtxEvent> events, List<Problem> problems) {
    /** This chunk without the events whose indexes are set in {@code leftOut}. */
    public ChunkResult without(BitSet leftOut) {
        if (leftOut.isEmpty()) return this;
        List<EvtxEvent> kept = new ArrayList<>(events.size() - leftOut.cardinality());
        for (int i = 0; i < events.size(); i++) {
            if (!leftOut.get(i)) kept.add(events.get(i));
        }
        return new ChunkResult(index, kept, problems);
    }
}
