package dwell.traffic;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;

/**
 * Failed authentications close together in time under one key (a source network, or an account): their span,
 * their number, and how many fell on each account, came from each source, went to each virtual directory and were
 * logged in each series (one log format on one host: which servers' charts the run belongs on).
 * The display spelling of an account is the first seen of its comparable form.
 */
public final class FailureRun implements Serializable {
    private static final long serialVersionUID = 1L;
    private long start;
    private long end;
    private long attempts;
    private final Map<String, Long> accounts = new HashMap<>();
    private final Map<String, String> accountNames = new HashMap<>();
    private final Map<String, Long> sources = new HashMap<>();
    private final Map<String, Long> endpoints = new HashMap<>();
    private final Map<String, Long> series = new HashMap<>();

    FailureRun(long epochSecond) {
        start = epochSecond;
        end = epochSecond;
    }

    void add(WebRequest r) {
        long t = r.time().getEpochSecond();
        start = Math.min(start, t);
        end = Math.max(end, t);
        attempts++;
        if (r.accountKey() != null) {
            accounts.merge(r.accountKey(), 1L, Long::sum);
            accountNames.merge(r.accountKey(), r.account(), (a, b) -> a.compareTo(b) <= 0 ? a : b);
        }
        sources.merge(r.source(), 1L, Long::sum);
        endpoints.merge(r.vdir(), 1L, Long::sum);
        series.merge(r.series(), 1L, Long::sum);
    }

    void absorb(FailureRun o) {
        start = Math.min(start, o.start);
        end = Math.max(end, o.end);
        attempts += o.attempts;
        o.accounts.forEach((k, v) -> accounts.merge(k, v, Long::sum));
        o.accountNames.forEach((k, v) -> accountNames.merge(k, v, (a, b) -> a.compareTo(b) <= 0 ? a : b));
        o.sources.forEach((k, v) -> sources.merge(k, v, Long::sum));
        o.endpoints.forEach((k, v) -> endpoints.merge(k, v, Long::sum));
        o.series.forEach((k, v) -> series.merge(k, v, Long::sum));
    }

    public long start() {
        return start;
    }

    public long end() {
        return end;
    }

    public long attempts() {
        return attempts;
    }

    /** Failures per account, by comparable form. */
    public Map<String, Long> accounts() {
        return accounts;
    }

    /** An account's spelling as logged (the least of its spellings, so that it does not depend on reading order). */
    public String accountName(String key) {
        return accountNames.getOrDefault(key, key);
    }

    public Map<String, Long> sources() {
        return sources;
    }

    public Map<String, Long> endpoints() {
        return endpoints;
    }

    /** Failures per series they were logged in. */
    public Map<String, Long> series() {
        return series;
    }

    /** Minutes from the first failure to the last, at least one. */
    public double minutes() {
        return Math.max(1.0, (end - start) / 60.0);
    }
}
