package dwell.cli;

import dwell.text.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dwell.ioc.FeedStats;
import dwell.hunt.Diagnostic;
import dwell.text.SafeText;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/** The IOC part of the scan summary: per feed, indicators loaded, rejected (with reasons), skipped and seen. */
final class IocSummary {
    /** Rejections listed per feed in summary.json; all are counted. */
    static final int LISTED = 100;
    /** Rejections printed per feed on the console. */
    static final int PRINTED = 3;

    private IocSummary() {
    }

    static ObjectNode json(List<FeedStats> feeds) {
        ObjectNode o = Json.object();
        o.put("loaded", feeds.stream().mapToLong(FeedStats::loaded).sum());
        o.put("rejected", feeds.stream().mapToLong(FeedStats::rejectedCount).sum());
        o.put("seen", feeds.stream().mapToLong(FeedStats::seen).sum());
        ArrayNode arr = o.putArray("feeds");
        for (FeedStats f : feeds) {
            ObjectNode n = arr.addObject();
            n.put("feed", f.feed());
            n.put("kind", f.kind().id());
            n.put("loaded", f.loaded());
            n.put("rejected", f.rejectedCount());
            n.put("skipped", f.skippedCount());
            n.put("seen", f.seen());
            n.put("hits", f.hits());
            ArrayNode r = n.putArray("rejections");
            for (Diagnostic x : f.rejected().subList(0, Math.min(LISTED, f.rejected().size()))) {
                r.addObject().put("where", x.source()).put("reason", x.reason());
            }
            ObjectNode sk = n.putObject("skipped_by_reason");
            f.skipped().forEach(sk::put);
        }
        return o;
    }

    static void print(List<FeedStats> feeds, Path summary, PrintStream o) {
        o.println("IOC feeds:");
        for (FeedStats f : feeds) {
            o.println("  " + SafeText.visible(f.summaryLine()));
            List<Diagnostic> r = f.rejected();
            for (Diagnostic x : r.subList(0, Math.min(PRINTED, r.size()))) o.println("    rejected " + SafeText.visible(x.toString()));
            if (f.rejectedCount() > PRINTED) {
                o.println("    ... " + (f.rejectedCount() - PRINTED) + " more rejected in " + summary);
            }
        }
    }
}
