package dwell.pivot;

import dwell.event.Event;
import dwell.hunt.FindingSink;
import dwell.hunt.PartialDetector;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The pivot index's twin in a share's hunt: it records each item's events with indicator fields compactly
 * ({@link IndexedEvents}) and hands them over as its part, which the whole scan's {@link EventIndex} replays in item
 * order; so the index is the one a single process builds, while the share's reading happened elsewhere.
 */
public final class IndexFeed implements PartialDetector {
    private final PivotFields fields;
    private final Map<String, IndexedEvents> items = new ConcurrentHashMap<>();
    /** Events without an indicator field: counted by the index, never stored. */
    private final LongAdder bare = new LongAdder();

    public IndexFeed(PivotFields fields) {
        this.fields = fields;
    }

    @Override
    public String id() {
        return "pivot-index";
    }

    @Override
    public void onEvent(Event event, FindingSink sink) {
        String item = event.provenance().item();
        if (!items.computeIfAbsent(item, IndexedEvents::new).add(event, fields)) bare.increment();
    }

    /** The share's items' recorded events, in path order, and the count of events that had none to record. */
    record Part(List<IndexedEvents.Packed> items, long bare) implements Serializable {
    }

    /** True for this detector's part (a share's recorded events). */
    public static boolean isPart(Serializable part) {
        return part instanceof Part;
    }

    /** A part's items as an index kept where they were read holds them, each built as it is taken. */
    public static java.util.Iterator<ItemIndex> items(Serializable part, PivotFields fields) {
        return ((Part) part).items().stream().map(i -> ItemIndex.of(i, fields)).iterator();
    }

    /** The part without its items' events, which stay where they were read: only the count of bare events travels. */
    public static Serializable withoutEvents(Serializable part) {
        return new Part(List.of(), bare(part));
    }

    /** The part's events without an indicator field. */
    public static long bare(Serializable part) {
        return ((Part) part).bare();
    }

    @Override
    public Serializable part() {
        List<IndexedEvents.Packed> packed = new ArrayList<>();
        new TreeMap<>(items).values().forEach(e -> packed.add(e.packed()));
        return new Part(packed, bare.sum());
    }
}
