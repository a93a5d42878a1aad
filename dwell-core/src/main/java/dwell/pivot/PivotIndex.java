package dwell.pivot;

import dwell.event.FormatId;
import dwell.pivot.store.Postings;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which indexed events carry given indicator values, and what the pivot reads of them: the seam between the pivot's
 * rounds and where the index lives (in this process, {@link SealedIndex}; spread over a cluster, {@link JoinedIndex}).
 * Events are numbered in evidence order (items in path order, each item's events in its reader's order).
 */
public interface PivotIndex extends AutoCloseable {
    /**
     * Says which values are about to be hunted, so that an index elsewhere fetches their events and the statistics of
     * those values and of every value those events carry, of the kinds the pivot weighs ({@link Kind#weighed}), at once
     * ({@code why} names the step, as a distributed job's description).
     */
    default void lookingUp(Collection<Value> hunted, String why) {
    }

    /** Says which values' events are about to be read (not what those events carry): fetches the events alone. */
    default void fetching(Collection<Value> hunted, String why) {
    }

    /** Says which values are about to be weighed ({@link #count}, {@link #distinctAlongside}), to fetch them at once. */
    default void weighing(Collection<Value> values, String why) {
    }

    /** True when the index lives elsewhere and takes the announcements above: only then are they worth working out. */
    default boolean fetches() {
        return false;
    }

    /** The events carrying a value (both values of an account-address pair), in evidence order, one at a time. */
    Postings postings(Value v);

    /** How many events carry a value. */
    int count(Value v);

    /** How many distinct values of {@code kind} occur in the events that carry {@code v}, stopping past {@code cap}. */
    int distinctAlongside(Value v, Kind kind, int cap);

    /** The same, leaving out the events that carry one of {@code unless} (a refused request's status). */
    int distinctAlongside(Value v, Kind kind, int cap, Set<Value> unless);

    /** True when the event carries one of these values. */
    boolean carriesAny(int e, Set<Value> values);

    Instant time(int e);

    String item(int e);

    long line(int e);

    long record(int e);

    String host(int e);

    FormatId format(int e);

    /** The event's indexed fields (source-native names) with their normalised values. */
    Map<String, String> fields(int e);

    /** The event's values with the field each came from. */
    List<Map.Entry<String, Value>> values(int e);

    /** The server's own addresses, as its logs name them (s-ip and the like). */
    Set<String> serverAddresses();

    /** All events of the first pass, indexed or not. */
    long totalEvents();

    /** Events the index holds (those with at least one indexed value). */
    int size();

    /** Distinct values in the index. */
    int distinctValues();

    /** Heap bytes the index keeps. */
    long bytes();

    /** Bytes the index spilled to disk. */
    long diskBytes();

    /** Why the index stopped growing during the first pass, or null if it holds every event. */
    String limit();

    /** Events of the first pass that a limit kept out of the index. */
    long unindexedEvents();

    @Override
    void close();
}
