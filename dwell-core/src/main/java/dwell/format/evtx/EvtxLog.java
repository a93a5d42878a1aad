package dwell.format.evtx;

import dwell.event.FormatId;
import dwell.event.LogSource;
import dwell.format.Clue;
import dwell.format.EventSink;
import dwell.format.Head;
import dwell.format.LogFormat;
import dwell.format.Series;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Arrays;

/**
 * Windows XML event logs (EVTX), recognised by their file signature: chunks streamed (archive members too),
 * parsed in parallel and delivered in file order. An event's logsource is its channel's.
 */
public final class EvtxLog extends LogFormat {
    public static final FormatId ID = FormatId.of("evtx");

    private final EvtxStream stream;

    /** A reader parsing as many chunks at once as there are cores. */
    public EvtxLog() {
        this(Runtime.getRuntime().availableProcessors());
    }

    public EvtxLog(int threads) {
        super(ID, LogSource.NONE, Series.NONE);
        this.stream = new EvtxStream(threads);
    }

    @Override
    public Clue sniff(Head head) {
        return head.startsWith(FileHeader.SIGNATURE) ? Clue.MAGIC : null;
    }

    /** Whether {@code head}'s first {@code len} bytes start with the EVTX file signature, as {@link #sniff} sees. */
    public static boolean signed(byte[] head, int len) {
        byte[] magic = FileHeader.SIGNATURE;
        return len >= magic.length && Arrays.equals(head, 0, magic.length, magic, 0, magic.length);
    }

    @Override
    public void read(String itemPath, Instant modified, InputStream in, EventSink sink) throws IOException {
        stream.read(itemPath, in, chunk -> {
            for (Problem p : chunk.problems()) sink.unreadable(p.recordId(), p.reason());
            for (EvtxEvent e : chunk.events()) sink.event(e);
        });
    }
}
