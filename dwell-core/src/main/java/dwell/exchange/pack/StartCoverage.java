package dwell.exchange.pack;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.NavigableSet;

/**
 * How one daily log series covers the instant an exposure window opens, judged on UTC days as the inventory
 * judges coverage gaps (a day without any event inside a series is a gap). The series covers the start when its
 * span contains it (first event at or before it, last event at or after it) and the start's own day has events,
 * that is when no gap contains the start. A series covering the start says how far it reaches without a gap on
 * either side of it; one that does not says why.
 */
sealed interface StartCoverage {
    /** Short id of the verdict, as summary.json and the findings' details give it. */
    String id();

    /** True when the series covers the start. */
    default boolean covers() {
        return this instanceof Covers;
    }

    /** One line for people, e.g. {@code ends 636 days before it}. */
    String describe();

    /** The verdict's own facts (dates as ISO-8601 days), for JSON. */
    void addFacts(Map<String, Object> facts);

    /**
     * The verdict for a series whose events fall on {@code days} (UTC epoch days, not empty) and span
     * {@code first}..{@code last}, against the window start {@code start}.
     */
    static StartCoverage of(NavigableSet<Long> days, Instant first, Instant last, Instant start) {
        long d = epochDay(start);
        if (last.isBefore(start)) return new EndsBefore(date(days.last()), d - days.last());
        if (first.isAfter(start)) return new StartsAfter(date(days.first()), days.first() - d);
        if (!days.contains(d)) return new GapAtStart(date(days.lower(d) + 1), date(days.higher(d) - 1));
        long from = d;
        while (days.contains(from - 1)) from--;
        long to = d;
        while (days.contains(to + 1)) to++;
        return new Covers(date(from), date(to), to - d);
    }

    /** The UTC day of an instant, as an epoch day (what {@link #of} expects in its set). */
    static long epochDay(Instant t) {
        return Math.floorDiv(t.getEpochSecond(), 86_400L);
    }

    private static LocalDate date(long epochDay) {
        return LocalDate.ofEpochDay(epochDay);
    }

    /**
     * The series has events on every day from {@code from} to {@code to}, the start's day among them;
     * {@code daysPast} counts the days after the start's day up to {@code to}.
     */
    record Covers(LocalDate from, LocalDate to, long daysPast) implements StartCoverage {
        public String id() {
            return "covers";
        }

        public String describe() {
            return "no gap from " + from + " to " + to + " (" + daysPast + " days past it)";
        }

        public void addFacts(Map<String, Object> facts) {
            facts.put("unbroken_from", from.toString());
            facts.put("unbroken_to", to.toString());
            facts.put("days_past_start", daysPast);
        }
    }

    /** The series' last event lies before the start; its last day is {@code daysBefore} days before the start's. */
    record EndsBefore(LocalDate lastDay, long daysBefore) implements StartCoverage {
        public String id() {
            return "ends-before-start";
        }

        public String describe() {
            return "ends " + daysBefore + " days before it";
        }

        public void addFacts(Map<String, Object> facts) {
            facts.put("days_before_start", daysBefore);
        }
    }

    /** The series' first event lies after the start; its first day is {@code daysAfter} days after the start's. */
    record StartsAfter(LocalDate firstDay, long daysAfter) implements StartCoverage {
        public String id() {
            return "starts-after-start";
        }

        public String describe() {
            return "starts " + daysAfter + " days after it";
        }

        public void addFacts(Map<String, Object> facts) {
            facts.put("days_after_start", daysAfter);
        }
    }

    /** The series runs across the start, but no event falls on the days {@code from}..{@code to} around it. */
    record GapAtStart(LocalDate from, LocalDate to) implements StartCoverage {
        public String id() {
            return "gap-at-start";
        }

        public String describe() {
            return "no events from " + from + " to " + to + " (" + (ChronoUnit.DAYS.between(from, to) + 1) + " days)";
        }

        public void addFacts(Map<String, Object> facts) {
            facts.put("gap_from", from.toString());
            facts.put("gap_to", to.toString());
        }
    }
}
