package dwell.format.evtx;

import java.util.List;

/** What one chunk gave: its events in file order and the problems met reading it. */
public record ChunkResult(int index, List<EvtxEvent> events, List<Problem> problems) {
}
