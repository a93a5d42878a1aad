package dwell.pivot;

import java.io.Serializable;
import java.util.HashSet;
import java.util.Set;

/**
 * What the pivot's acceptance rules ask of a value on the whole evidence: how many indexed events carry it, and the
 * distinct addresses, accounts and user agents seen alongside it (accounts also only on events without a refused
 * status), each kept up to {@link #CAP} (a rule asks only whether a few are exceeded). Partial statistics of several
 * parts of an index merge into the whole's.
 */
public final class ValueStatistics implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Distinct values kept per kind: above the largest limit a rule compares with (twice {@code maxDistinct}). */
    public static final int CAP = 64;

    long count;
    private final Set<String> addresses = new HashSet<>();
    private final Set<String> accounts = new HashSet<>();
    private final Set<String> agents = new HashSet<>();
    private final Set<String> servedAccounts = new HashSet<>();

    /** Whether values of {@code kind} seen alongside are kept (and so worth offering to {@link #seen}). */
    static boolean keeps(Kind kind) {
        return kind == Kind.IP || kind == Kind.USER_AGENT || kind == Kind.ACCOUNT;
    }

    void seen(Value v, boolean served) {
        switch (v.kind()) {
            case IP -> add(addresses, v.value());
            case USER_AGENT -> add(agents, v.value());
            case ACCOUNT -> {
                add(accounts, v.value());
                if (served) add(servedAccounts, v.value());
            }
            default -> { }
        }
    }

    private static void add(Set<String> set, String s) {
        if (set.size() < CAP) set.add(s);
    }

    /** This value's statistics with another part's added. */
    public ValueStatistics merge(ValueStatistics o) {
        count += o.count;
        o.addresses.forEach(s -> add(addresses, s));
        o.accounts.forEach(s -> add(accounts, s));
        o.agents.forEach(s -> add(agents, s));
        o.servedAccounts.forEach(s -> add(servedAccounts, s));
        return this;
    }

    /** Events carrying the value. */
    public long count() {
        return count;
    }

    /**
     * As {@link SealedIndex#distinctAlongside}: the distinct values of {@code kind} alongside, {@code cap + 1} once past
     * {@code cap}; {@code served} leaves out the events with a refused status (accounts only).
     */
    int distinct(Kind kind, int cap, boolean served) {
        if (cap >= CAP) throw new IllegalArgumentException("distinct values are kept up to " + CAP + ", not " + cap);
        Set<String> set = switch (kind) {
            case IP -> addresses;
            case USER_AGENT -> agents;
            case ACCOUNT -> served ? servedAccounts : accounts;
            default -> throw new IllegalArgumentException("no distinct " + kind.id() + " are kept");
        };
        if (served && kind != Kind.ACCOUNT) throw new IllegalArgumentException("only accounts are kept where served");
        return Math.min(set.size(), cap + 1);
    }
}
