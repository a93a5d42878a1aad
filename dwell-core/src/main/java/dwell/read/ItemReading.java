package dwell.read;

import dwell.event.Event;
import dwell.evidence.EvidenceItem;
import dwell.evidence.ItemVisitor;
import dwell.format.EventSink;
import dwell.format.LogFormat;
import dwell.formats.Formats;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.function.Consumer;

/**
 * The readers stage of the pipeline (catalog, readers, events): reads each item the catalog visits with the log
 * format the catalog sniffed, into the sink its listener gives for the item. Thread-safe if the listener is.
 */
public final class ItemReading implements ItemVisitor {
    private final Listener listener;

    public ItemReading(Listener listener) {
        this.listener = listener;
    }

    @Override
    public void visit(EvidenceItem item, InputStream content) throws IOException {
        LogFormat format = Formats.of(item.format());
        EventSink sink = listener.reading(item, format);
        if (sink != null && format != null) format.read(item.path(), item.mtime(), content, sink);
    }

    @Override
    public void finished(EvidenceItem item, List<String> problems) {
        listener.finished(item, problems);
    }

    /** What the stage reports to: each item's events as they are read, then each item's end. */
    public interface Listener {
        /**
         * Where the events and unreadable lines of an item go, asked on the thread that then reads it; {@code format}
         * is null when no log format claims the item (nothing is read), a null sink leaves the item unread.
         */
        EventSink reading(EvidenceItem item, LogFormat format);

        /** The item is done (read or not, archives too), as {@link ItemVisitor#finished} says. */
        void finished(EvidenceItem item, List<String> problems);

        /** This listener, whose items' events then also go to {@code next}. */
        default Listener andThen(Consumer<Event> next) {
            Listener first = this;
            return new Listener() {
                @Override
                public EventSink reading(EvidenceItem item, LogFormat format) {
                    EventSink sink = first.reading(item, format);
                    return sink == null ? null : new EventSink() {
                        @Override
                        public void event(Event event) {
                            sink.event(event);
                            next.accept(event);
                        }

                        @Override
                        public void unreadable(long position, String reason) {
                            sink.unreadable(position, reason);
                        }
                    };
                }

                @Override
                public void finished(EvidenceItem item, List<String> problems) {
                    first.finished(item, problems);
                }
            };
        }
    }
}
