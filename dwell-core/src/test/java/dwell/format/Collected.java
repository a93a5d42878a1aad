package dwell.format;

import dwell.event.Event;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** What a reader sent to its sink, for tests. */
public final class Collected implements EventSink {
    public final List<Event> events = new ArrayList<>();
    public final List<String> unreadable = new ArrayList<>();
    public final List<Long> unreadableLines = new ArrayList<>();

    public static Collected read(LogFormat reader, String item, byte[] bytes) throws IOException {
        Collected c = new Collected();
        reader.read(item, new ByteArrayInputStream(bytes), c);
        return c;
    }

    public static Collected read(LogFormat reader, String item, String text) throws IOException {
        return read(reader, item, text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void event(Event event) {
        events.add(event);
    }

    @Override
    public void unreadable(long position, String reason) {
        unreadableLines.add(position);
        unreadable.add(position + ": " + reason);
    }

    public Event event(int i) {
        return events.get(i);
    }
}
