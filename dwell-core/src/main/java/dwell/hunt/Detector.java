package dwell.hunt;

import dwell.event.Event;
import dwell.evidence.EvidenceItem;
import java.nio.file.Path;

/**
 * A compiled detection, built once and shared by all scan threads (so thread-safe).
 * Event detectors see every event; file detectors see every evidence item's bytes.
 */
public interface Detector {
    /** The detector id written into findings: sigma, correlation, ioc, yara, exchange, exposure, file. */
    String id();

    /** Called for every event read, from any thread. */
    default void onEvent(Event event, FindingSink sink) {
    }

    /** True if this detector wants {@link #onItem}; the engine only spools archive members when someone does. */
    default boolean wantsItems() {
        return false;
    }

    /**
     * Called once per evidence item (archives and their members included) with a readable file holding
     * exactly the item's bytes: the evidence file itself (read-only) or a temporary copy of an archive member.
     */
    default void onItem(EvidenceItem item, Path content, FindingSink sink) {
    }

    /**
     * True when this detector's findings on an item depend on that item alone and it aggregates nothing across items
     * (its report aside): it may then hunt any share of the evidence apart, in another process ({@code ShareHunt}).
     */
    default boolean itemLocal() {
        return false;
    }

    /** Called once after all evidence was read, for detectors that aggregate (correlations). */
    default void finish(FindingSink sink) {
    }

    /** After {@link #finish}: what this detector loaded, could not use or run, and its facts for the summary. */
    default void report(DetectorReport report) {
    }
}
