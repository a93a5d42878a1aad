package dwell.hunt;

/** Where a finding's evidence lies: the item, its hash and format, and the line or record (0 when absent). */
public record EvidenceRef(String path, String sha256, String format, long line, long record) implements java.io.Serializable {
}
