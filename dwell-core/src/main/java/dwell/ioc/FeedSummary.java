package dwell.ioc;

import dwell.hunt.Diagnostic;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The IOC feeds' part of the scan summary: per feed, indicators loaded, rejected (with reasons), skipped and seen. */
final class FeedSummary {
    /** Rejections listed per feed; all are counted. */
    public static final int LISTED = 100;

    private FeedSummary() {
    }

    /**
     * summary.json's {@code iocs}: {@code {"loaded","rejected","seen","feeds":[{"feed","kind","loaded","rejected",
     * "skipped","seen","hits","rejections":[{"where","reason"}],"skipped_by_reason":{...}}]}}.
     */
    public static Map<String, Object> of(List<FeedStats> feeds) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("loaded", feeds.stream().mapToLong(FeedStats::loaded).sum());
        o.put("rejected", feeds.stream().mapToLong(FeedStats::rejectedCount).sum());
        o.put("seen", feeds.stream().mapToLong(FeedStats::seen).sum());
        List<Object> arr = new ArrayList<>();
        for (FeedStats f : feeds) {
            Map<String, Object> n = new LinkedHashMap<>();
            n.put("feed", f.feed());
            n.put("kind", f.kind().id());
            n.put("loaded", f.loaded());
            n.put("rejected", f.rejectedCount());
            n.put("skipped", f.skippedCount());
            n.put("seen", f.seen());
            n.put("hits", f.hits());
            List<Object> r = new ArrayList<>();
            for (Diagnostic x : f.rejected().subList(0, Math.min(LISTED, f.rejected().size()))) {
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("where", x.source());
                d.put("reason", x.reason());
                r.add(d);
            }
            n.put("rejections", r);
            n.put("skipped_by_reason", new LinkedHashMap<>(f.skipped()));
            n.put("line", f.summaryLine());
            arr.add(n);
        }
        o.put("feeds", arr);
        return o;
    }
}
