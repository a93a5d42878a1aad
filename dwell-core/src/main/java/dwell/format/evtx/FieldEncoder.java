package dwell.format.evtx;

import dwell.text.Utf8Buffer;

/**
 * Encodes an event's fields as the members of an object ({@link EvtxEvent#writeFields}): each name once per layout
 * of field table, which the events of a template share, and each value as it comes.
 */
public interface FieldEncoder {
    /**
     * The bytes that open a member named {@code name}, a one-byte separator first (JSON's {@code ,"name":}): the
     * first member is written without it.
     */
    byte[] name(String name);

    /** Appends a member's value. */
    void value(Utf8Buffer out, String value);
}
