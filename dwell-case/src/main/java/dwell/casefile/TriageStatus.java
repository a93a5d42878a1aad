package dwell.casefile;

/** What an analyst decided about a finding; a finding nobody has decided on needs review. */
public enum TriageStatus {
    NEEDS_REVIEW("needs-review"), CONFIRMED("confirmed"), FALSE_POSITIVE("false-positive"), BENIGN("benign");

    private final String id;

    TriageStatus(String id) {
        this.id = id;
    }

    /** The status as the case, the API and the reports write it. */
    public String id() {
        return id;
    }

    /** The status of an id such as {@code false-positive}; anything else is refused with the ids that exist. */
    public static TriageStatus parse(String id) {
        for (TriageStatus s : values()) {
            if (s.id.equals(id)) return s;
        }
        throw new IllegalArgumentException("unknown triage status " + id + " (needs-review, confirmed, false-positive, benign)");
    }
}
