package dwell.event;

/** Where an event came from: the evidence item's display path plus a line number or a record id (0 when absent). */
public record Provenance(String item, long line, long record) implements java.io.Serializable {
    public static Provenance line(String item, long line) {
        return new Provenance(item, line, 0);
    }

    public static Provenance record(String item, long record) {
        return new Provenance(item, 0, record);
    }
}
