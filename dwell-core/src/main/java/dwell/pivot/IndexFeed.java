package dwell.pivot;

import dwell.event.Event;
import dwell.hunt.FindingSink;
import dwell.hunt.PartialDetector;
import dwell.pivot.store.ByteSize;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The pivot index's twin in a share's hunt: it builds each item's {@link ItemIndex} as the item is read (an item is
 * read by one thread, start to end) and hands them over as its part, to be kept where they were read (a cluster's
 * executors) or indexed by the whole scan's {@link EventIndex}. A share's index may hold {@code memory} bytes (the
 * local index's memory budget, per share here): past it, as at the local index's limits, it stops growing and says why.
 */
public final class IndexFeed implements PartialDetector {
    private final PivotFields fields;
    private final long memory;
    private final Map<String, ItemIndex> built = new ConcurrentHashMap<>();
    private final List<Open> open = new ArrayList<>();
    private final ThreadLocal<Open> mine = ThreadLocal.withInitial(this::opened);
    /** Bytes of the items built so far. */
    private final AtomicLong held = new AtomicLong();
    /** Events without an indicator field, or read after a limit: counted by the index, never stored. */
    private final LongAdder bare = new LongAdder();
    private final LongAdder unindexed = new LongAdder();
    private volatile String limit;

    /** A feed whose share's index may hold {@code memory} bytes. */
    public IndexFeed(PivotFields fields, long memory) {
        this.fields = fields;
        this.memory = memory;
    }

    @Override
    public String id() {
        return "pivot-index";
    }

    @Override
    public void onEvent(Event event, FindingSink sink) {
        if (limit != null) {
            bare.increment();
            unindexed.increment();
            return;
        }
        Open o = mine.get();
        try {
            ItemIndex.Builder b = o.builderFor(event.provenance().item());
            if (!b.add(event)) bare.increment();
            if (held.get() + b.bytes() > memory) {
                limit("a share's index reached its memory budget of " + ByteSize.human(memory)
                        + " (--pivot-memory, which applies to each share with --spark)");
            }
        } catch (OutOfMemoryError e) {
            limit("the heap ran out while indexing (give the JVM more with -Xmx, or the index less with --pivot-memory)");
            bare.increment();
            unindexed.increment();
        }
    }

    private synchronized void limit(String why) {
        if (limit == null) limit = why;
    }

    private Open opened() {
        Open o = new Open();
        synchronized (open) {
            open.add(o);
        }
        return o;
    }

    /** One thread's item being read. */
    private final class Open {
        private ItemIndex.Builder builder;

        ItemIndex.Builder builderFor(String item) {
            if (builder != null && builder.item().equals(item)) return builder;
            seal();
            ItemIndex before = built.remove(item);
            if (before == null) {
                builder = new ItemIndex.Builder(item, fields);
            } else {
                // rare: an item's events in more than one run (tests feed them so); a reader reads an item in one
                held.addAndGet(-before.bytes());
                builder = ItemIndex.Builder.resume(before, fields);
            }
            return builder;
        }

        void seal() {
            if (builder == null) return;
            ItemIndex i = builder.build();
            built.put(i.item(), i);
            held.addAndGet(i.bytes());
            builder = null;
        }
    }

    /** The share's items' indexes, in path order, the count of events that had none to record, and its limit. */
    record Part(List<ItemIndex> items, long bare, long unindexed, String limit) implements Serializable {
    }

    /** True for this detector's part (a share's recorded events). */
    public static boolean isPart(Serializable part) {
        return part instanceof Part;
    }

    /** A part's items' indexes, in path order. */
    public static Iterator<ItemIndex> items(Serializable part) {
        return ((Part) part).items().iterator();
    }

    /** The part without its items' indexes, which stay where they were read: only its counts and limit travel. */
    public static Serializable withoutEvents(Serializable part) {
        Part p = (Part) part;
        return new Part(List.of(), p.bare(), p.unindexed(), p.limit());
    }

    /** The part's events without an indicator field (or read past a limit). */
    public static long bare(Serializable part) {
        return ((Part) part).bare();
    }

    /** The part's events a limit kept out of its index. */
    public static long unindexed(Serializable part) {
        return ((Part) part).unindexed();
    }

    /** Why the part's index stopped growing, or null. */
    public static String limit(Serializable part) {
        return ((Part) part).limit();
    }

    @Override
    public Serializable part() {
        synchronized (open) {
            for (Open o : open) o.seal();
        }
        return new Part(List.copyOf(new TreeMap<>(built).values()), bare.sum(), unindexed.sum(), limit);
    }
}
