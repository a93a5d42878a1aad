package dwell.hunt;

import dwell.event.Event;
import dwell.event.Provenance;
import dwell.evidence.Catalog;
import dwell.evidence.CatalogLimits;
import dwell.evidence.EvidenceItem;
import dwell.evidence.EvidencePaths;
import dwell.evidence.ItemVisitor;
import dwell.format.EventSink;
import dwell.format.LogFormat;
import dwell.formats.Formats;
import dwell.read.ItemReading;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Reads chosen events back from the evidence after the first pass, which kept only their positions (or, for the
 * traffic detector, the items covering its episodes): each item named is read again (an archive member through its
 * archive), the others are not opened.
 */
public final class EventRecall {
    private final CatalogLimits limits;

    public EventRecall(CatalogLimits limits) {
        this.limits = limits;
    }

    /**
     * The fields of the events at the given positions, by {@code item + '\0' + line + '\0' + record}; a position
     * that cannot be read again (the evidence changed or vanished) is left out. Files are read side by side, each by
     * one thread (the pivot's hits lie in many items, and the scan has nothing else to do meanwhile); an item is read
     * up to its last position asked for ({@link ItemPositions}).
     */
    public Map<String, Map<String, String>> fields(Set<String> keys) {
        if (keys.isEmpty()) return new HashMap<>();
        Map<String, List<String>> byItem = new HashMap<>();
        for (String k : keys) byItem.computeIfAbsent(position(k).item(), i -> new ArrayList<>()).add(k);
        Map<String, Map<String, String>> out = new ConcurrentHashMap<>();
        // a position's events all come from one item, so from one file and one thread: the first one read is kept
        files(byItem.keySet()).parallelStream().forEach(f -> recall(f, byItem, out));
        return new HashMap<>(out);
    }

    /** An event's key in {@link #fields}: {@code item + '\0' + line + '\0' + record}. */
    public static String key(Provenance p) {
        return p.item() + '\0' + p.line() + '\0' + p.record();
    }

    /** The position an event's key ({@link #key}) stands for. */
    public static Provenance position(String key) {
        // from the end: the numbers hold no NUL, an archive member's name might
        int record = key.lastIndexOf('\0');
        int line = key.lastIndexOf('\0', record - 1);
        return new Provenance(key.substring(0, line), Long.parseLong(key.substring(line + 1, record)),
                Long.parseLong(key.substring(record + 1)));
    }

    /**
     * Reads the named items again (by display path; members through their archives, one thread, files in path
     * order) and gives each of their events to {@code each}; items that cannot be read again are skipped.
     */
    public void read(Set<String> items, Consumer<Event> each) {
        for (String f : files(items)) read(f, items, each);
    }

    /** The files holding the items: an archive member's archive. */
    private static Set<String> files(Set<String> items) {
        Set<String> files = new TreeSet<>();
        for (String item : items) {
            int member = item.indexOf("!/");
            files.add(member >= 0 ? item.substring(0, member) : item);
        }
        return files;
    }

    /** One file's items named in {@code byItem}, each read up to its last position asked for, into {@code out}. */
    private void recall(String file, Map<String, List<String>> byItem, Map<String, Map<String, String>> out) {
        new Catalog(limits, 1).withoutDigests().walkFile(EvidencePaths.of(file), new ItemVisitor() {
            @Override
            public void visit(EvidenceItem item, InputStream content) throws IOException {
                List<String> keys = byItem.get(item.path());
                LogFormat format = Formats.of(item.format());
                if (keys == null || format == null) return;
                ItemPositions wanted = new ItemPositions(keys);
                format.read(item.path(), item.mtime(), wanted.until(content), wanted.sink(out));
            }

            @Override
            public void finished(EvidenceItem item, List<String> problems) {
            }
        });
    }

    /** One file's named items' events. */
    private void read(String file, Set<String> items, Consumer<Event> each) {
        Catalog catalog = new Catalog(limits, 1).withoutDigests();
        ItemReading visitor = new ItemReading(new ItemReading.Listener() {
            @Override
            public EventSink reading(EvidenceItem item, LogFormat format) {
                if (!items.contains(item.path())) return null;
                return new EventSink() {
                    @Override
                    public void event(Event e) {
                        each.accept(e);
                    }

                    @Override
                    public void unreadable(long position, String reason) {
                    }
                };
            }

            @Override
            public void finished(EvidenceItem item, List<String> problems) {
            }
        });
        catalog.walkFile(EvidencePaths.of(file), visitor);
    }
}
