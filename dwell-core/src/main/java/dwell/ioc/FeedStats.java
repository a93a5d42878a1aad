package dwell.ioc;

import dwell.hunt.Diagnostic;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one feed contributed: indicators loaded, entries rejected (with reasons; the first {@value #KEPT} are
 * kept, all are counted), entries deliberately skipped (by reason, e.g. MISP attributes not meant for
 * detection), and, once scanning, how many distinct indicators were seen and how many hits they had.
 */
public final class FeedStats {
    static final int KEPT = 1000;

    private final String feed;
    private FeedKind kind;
    private int loaded;
    private long rejectedCount;
    private final List<Diagnostic> rejected = new ArrayList<>();
    private final Map<String, Long> skipped = new TreeMap<>();
    private final AtomicLong seen = new AtomicLong();
    private final AtomicLong hits = new AtomicLong();

    public FeedStats(String feed, FeedKind kind) {
        this.feed = feed;
        this.kind = kind;
    }

    public String feed() {
        return feed;
    }

    public FeedKind kind() {
        return kind;
    }

    void kind(FeedKind k) {
        this.kind = k;
    }

    public int loaded() {
        return loaded;
    }

    public long rejectedCount() {
        return rejectedCount;
    }

    /** The first rejections, in feed order. */
    public List<Diagnostic> rejected() {
        return Collections.unmodifiableList(rejected);
    }

    public Map<String, Long> skipped() {
        return Collections.unmodifiableMap(skipped);
    }

    public long skippedCount() {
        return skipped.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Distinct indicators of this feed that matched at least once. */
    public long seen() {
        return seen.get();
    }

    /** Matches of this feed's indicators (an event matching two of them counts two). */
    public long hits() {
        return hits.get();
    }

    void loadedOne() {
        loaded++;
    }

    void reject(String where, String reason) {
        rejectedCount++;
        if (rejected.size() < KEPT) rejected.add(new Diagnostic(where, 0, reason));
    }

    void skip(String reason) {
        skipped.merge(reason, 1L, Long::sum);
    }

    void seenFirst() {
        seen.incrementAndGet();
    }

    void hit(long n) {
        hits.addAndGet(n);
    }

    /** One line for a scan summary: {@code feed (kind): N loaded, N rejected, N skipped, N seen}. */
    public String summaryLine() {
        StringBuilder b = new StringBuilder();
        b.append(feed).append(" (").append(kind.id()).append("): ").append(loaded).append(" loaded, ")
                .append(rejectedCount).append(" rejected");
        long sk = skippedCount();
        if (sk > 0) b.append(", ").append(sk).append(" skipped");
        b.append(", ").append(seen()).append(" seen");
        return b.toString();
    }
}
