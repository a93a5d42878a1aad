package dwell.fuzz;

import dwell.event.Event;
import dwell.event.FormatId;
import dwell.format.EventSink;
import dwell.formats.Formats;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * What the fuzz targets share. A target may end in a checked exception the API declares for broken input (an
 * IOException from a reader); anything else that escapes (a RuntimeException, a StackOverflowError, an
 * OutOfMemoryError) or a run past Jazzer's time limit is a finding.
 */
final class FuzzTargets {
    /** Fuzzing runs until stopped (bench/fuzz.sh bounds it); the normal test run only replays the inputs. */
    static final String UNTIL_STOPPED = "24h";

    private FuzzTargets() {
    }

    /** Reads {@code data} as an item of {@code format}, counting what comes out. */
    static long read(FormatId format, byte[] data) {
        Counter sink = new Counter();
        try {
            Formats.of(format).read("fuzz-input", new ByteArrayInputStream(data), sink);
        } catch (IOException e) {
            // the item itself broke: reported on the item, as the contract says
        }
        return sink.count;
    }

    /** Counts events and unreadable lines. */
    static final class Counter implements EventSink {
        long count;

        @Override
        public void event(Event event) {
            // touching every field makes lazily parsed events parse
            event.forEachField((name, value) -> count += name.length());
            count++;
        }

        @Override
        public void unreadable(long position, String reason) {
            if (reason == null || reason.isEmpty()) throw new IllegalStateException("an unreadable line needs a reason");
            count++;
        }
    }
}
