package dwell.format;

import dwell.event.Event;

/** Where a reader sends what it reads: events, and the lines or records it could not read. */
public interface EventSink {
    void event(Event event);

    /** A line or record that could not be read; {@code position} is a line number or record id, 0 if none. */
    void unreadable(long position, String reason);
}
