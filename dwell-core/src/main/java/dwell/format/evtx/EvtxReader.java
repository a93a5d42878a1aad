package dwell.format.evtx;

import dwell.format.EventReader;
import dwell.format.EventSink;
import dwell.format.Format;
import java.io.IOException;
import java.io.InputStream;

/** The EVTX event reader: streams chunks (archive members too), parses them in parallel, emits in file order. */
public final class EvtxReader implements EventReader {
    private final EvtxStream stream;

    /** A reader parsing as many chunks at once as there are cores. */
    public EvtxReader() {
        this(Runtime.getRuntime().availableProcessors());
    }

    public EvtxReader(int threads) {
        this.stream = new EvtxStream(threads);
    }

    @Override
    public Format format() {
        return Format.EVTX;
    }

    @Override
    public void read(String itemPath, InputStream in, EventSink sink) throws IOException {
        stream.read(itemPath, in, chunk -> {
            for (Problem p : chunk.problems()) sink.unreadable(p.recordId(), p.reason());
            for (EvtxEvent e : chunk.events()) sink.event(e);
        });
    }
}
