package dwell.impact;

import java.time.Instant;
import java.util.Map;

/** One event of the actor, where its evidence is, with its whole fields. */
record Sighting(Instant time, String host, String path, long line, long record, String format, Map<String, String> event) {
}
