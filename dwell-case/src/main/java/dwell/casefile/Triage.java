package dwell.casefile;

import java.time.Instant;

/** One triage decision on a finding: its status, the analyst's note, who decided and when. */
public record Triage(String findingId, TriageStatus status, String note, String analyst, Instant time) {
    /**
     * A SQL relation of each decided finding's current decision (columns finding_id, status, note, analyst, time,
     * decisions): the latest of its rows. Cases written before triage existed have no table; scan and serve add it.
     */
    public static final String CURRENT = "(SELECT finding_id, arg_max(status, seq) AS status, arg_max(note, seq) AS note, "
            + "arg_max(analyst, seq) AS analyst, max(time) AS time, count(*) AS decisions FROM triage GROUP BY finding_id)";

    /** The longest note kept: a note is a decision's reason, not a document. */
    public static final int MAX_NOTE = 10_000;

    public Triage {
        if (findingId == null || findingId.isEmpty()) throw new IllegalArgumentException("a triage decision needs a finding id");
        if (status == null) throw new IllegalArgumentException("a triage decision needs a status");
        if (note != null && note.length() > MAX_NOTE) throw new IllegalArgumentException("a note is at most " + MAX_NOTE + " characters");
        if (time == null) throw new IllegalArgumentException("a triage decision needs a time");
    }
}
