package dwell.event;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One record read from evidence: a time, a Sigma logsource, fields under their source-native names,
 * the raw text for keyword search, and where it came from.
 */
public interface Event {
    /** UTC time of the event, or null when the source gives none. */
    Instant time();

    /** The format the event was read from. */
    FormatId format();

    LogSource logSource();

    /** The value of a field by its source-native name (or a reader-documented alias), null when absent. */
    String get(String field);

    void forEachField(FieldVisitor visitor);

    /**
     * Copies the field values in source order (null for a field without one) into {@code into} when they fit, for
     * hot paths that read every value (Sigma's keyword pass); returns how many there are (more than fit: nothing
     * copied, call again with room), or -1 when the event keeps no such array (walk {@link #forEachField}).
     */
    default int copyValues(String[] into) {
        return -1;
    }

    /** The raw line or record text, searched by keyword rules. */
    String raw();

    Provenance provenance();

    /** The host that logged the event (Computer, s-computername, ServerName...), or null. */
    default String host() {
        return null;
    }

    /** A copy of all fields, in source order; for output, not for hot paths. */
    default Map<String, String> fields() {
        Map<String, String> m = new LinkedHashMap<>();
        forEachField(m::put);
        return m;
    }
}
