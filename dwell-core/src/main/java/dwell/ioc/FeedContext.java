package dwell.ioc;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import dwell.text.Nesting;
import java.util.function.Consumer;

/** Collects one feed's indicators and problems while it is read. */
final class FeedContext {
    /** Longest feed line read, in bytes; a longer one is rejected, not read. */
    static final int MAX_LINE = 64 * 1024;

    private final String feed;
    private final FeedStats stats;
    private final Consumer<Ioc> out;
    private String lastRuleId;

    FeedContext(String feed, FeedStats stats, Consumer<Ioc> out) {
        this.feed = feed;
        this.stats = stats;
        this.out = out;
    }

    FeedStats stats() {
        return stats;
    }

    IocSource line(long line) {
        return new IocSource(feed, stats.kind(), line, null);
    }

    IocSource object(String id, long line) {
        return new IocSource(feed, stats.kind(), line, id);
    }

    /** Adds an indicator; consecutive entries of one source (a STIX pattern's alternatives) count as one. */
    void add(Ioc ioc) {
        String id = ioc.source().ruleId();
        if (!id.equals(lastRuleId)) stats.loadedOne();
        lastRuleId = id;
        out.accept(ioc);
    }

    void reject(long line, String reason) {
        stats.reject("line " + line, reason);
    }

    void reject(String where, String reason) {
        stats.reject(where, reason);
    }

    /** A JSON feed that cannot be parsed on: where it stopped and why; what was read before stays loaded. */
    void rejectMalformed(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        if (Nesting.exceeded(e)) {
            stats.reject("line " + (at == null ? 1 : at.getLineNr()), Nesting.MESSAGE + ", rest of file not read");
        } else {
            stats.reject("offset " + (at == null ? 0 : at.getCharOffset()), "malformed JSON, rest of file not read: "
                    + e.getOriginalMessage());
        }
    }

    void skip(String reason) {
        stats.skip(reason);
    }
}
