package dwell.pivot;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * An indexed event a join found, with what the pivot reads of it: its item and place among the item's indexed events,
 * time, host, format id, position, its (field, value) pairs in the index's order, and which hunted values it carries.
 */
public record IndexHit(String item, int seq, Instant time, String host, String format, long line, long record,
                       List<String> names, List<Value> values, List<Value> matched) implements Serializable {
}
