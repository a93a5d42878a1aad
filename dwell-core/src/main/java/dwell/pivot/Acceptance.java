package dwell.pivot;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Decides which values may pivot: not excluded by knowledge, not learned from this evidence to be a well-known
 * principal or an operating-system file's hash, not a file in a system location, and not so common on this
 * evidence that they identify everyone (a large share of events, a proxy shared by many accounts, a browser
 * agent of many addresses). An address that only tried most of its many accounts (a password spray) is no proxy:
 * it is accepted, and followed only where it was not refused.
 */
final class Acceptance {
    private final PivotIndex index;
    private final Exclusions exclusions;
    private final PivotConfig config;
    private final Set<String> principals;
    private final Set<String> systemHashes;
    private final Attempts attempts = Attempts.builtin();
    private final Set<Value> refused = attempts.refused();
    private final Map<Value, Boolean> cache = new HashMap<>();
    private final Map<Value, Boolean> triedMany = new HashMap<>();

    Acceptance(PivotIndex index, Exclusions exclusions, PivotConfig config, Set<String> principals, Set<String> systemHashes) {
        this.index = index;
        this.exclusions = exclusions;
        this.config = config;
        this.principals = principals;
        this.systemHashes = systemHashes;
    }

    boolean test(Value v) {
        if (!v.kind().pivots()) return false;
        return cache.computeIfAbsent(v, this::decide);
    }

    private boolean decide(Value v) {
        if (exclusions.excluded(v, index.serverAddresses())) return false;
        switch (v.kind()) {
            case ACCOUNT -> {
                if (principals.contains(v.value())) return false;
            }
            case HASH -> {
                if (systemHashes.contains(v.value())) return false;
            }
            case FILE -> {
                if (exclusions.inSystemLocation(v.value())) return false;
            }
            case ACCOUNT_ADDRESS -> {
                // one actor's session by construction: how common either half is does not matter, only what it names
                Value[] parts = v.parts();
                return !principals.contains(parts[0].value()) && !exclusions.excluded(parts[0], index.serverAddresses())
                        && !exclusions.excluded(parts[1], index.serverAddresses());
            }
            default -> { }
        }
        return !common(v);
    }

    /** True when the value is carried too widely on this evidence to single out an actor. */
    boolean common(Value v) {
        int count = index.count(v);
        if (count >= config.minCommonCount() && count > config.maxShare() * index.totalEvents()) return true;
        int max = config.maxDistinct();
        return switch (v.kind()) {
            case IP -> index.distinctAlongside(v, Kind.ACCOUNT, max, refused) > max
                    || index.distinctAlongside(v, Kind.USER_AGENT, 2 * max) > 2 * max;
            // a browser agent shared by several accounts is everybody's browser
            case USER_AGENT -> index.distinctAlongside(v, Kind.IP, max) > max
                    || index.distinctAlongside(v, Kind.ACCOUNT, 3) > 3;
            case PATH, ACCOUNT -> index.distinctAlongside(v, Kind.IP, max) > max;
            default -> false;
        };
    }

    /**
     * True for an account used from an address (the account that fell, where from), and for an accepted address that
     * was refused as more accounts than a shared address carries (a sprayer): their refused requests are the attempts
     * a spray or brute force finding already counts, and name its victims; they are not followed.
     */
    boolean followedOnlyWhereServed(Value v) {
        if (v.kind() == Kind.ACCOUNT_ADDRESS) return true;
        if (v.kind() != Kind.IP || !test(v)) return false;
        return triedMany.computeIfAbsent(v, ip -> index.distinctAlongside(ip, Kind.ACCOUNT, config.maxDistinct()) > config.maxDistinct());
    }

    /** True for a finding that is a run of refused attempts (a spray, a brute force): its values are followed only where served. */
    boolean attemptEpisode(dwell.hunt.Finding f) {
        return attempts.episodeRules().contains(f.rule().id());
    }

    /** The status values of a refused authentication. */
    Set<Value> refused() {
        return refused;
    }

    /** A script page requested by POST from only a few addresses: how a web shell looks in a web log. */
    boolean rareScriptPost(Value path, boolean post) {
        return post && exclusions.isScriptPage(path.value())
                && index.distinctAlongside(path, Kind.IP, config.rarePathClients()) <= config.rarePathClients();
    }
}
