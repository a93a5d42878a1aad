package dwell.pivot;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Decides which values may pivot: not excluded by knowledge, not learned from this evidence to be a well-known
 * principal or an operating-system file's hash, not a file in a system location, and not so common on this
 * evidence that they identify everyone (a large share of events, a proxy shared by many accounts, a browser
 * agent of many addresses).
 */
final class Acceptance {
    private final SealedIndex index;
    private final Exclusions exclusions;
    private final PivotConfig config;
    private final Set<String> principals;
    private final Set<String> systemHashes;
    private final Map<Value, Boolean> cache = new HashMap<>();

    Acceptance(SealedIndex index, Exclusions exclusions, PivotConfig config, Set<String> principals, Set<String> systemHashes) {
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
            case IP -> index.distinctAlongside(v, Kind.ACCOUNT, max) > max
                    || index.distinctAlongside(v, Kind.USER_AGENT, 2 * max) > 2 * max;
            // a browser agent shared by several accounts is everybody's browser
            case USER_AGENT -> index.distinctAlongside(v, Kind.IP, max) > max
                    || index.distinctAlongside(v, Kind.ACCOUNT, 3) > 3;
            case PATH, ACCOUNT -> index.distinctAlongside(v, Kind.IP, max) > max;
            default -> false;
        };
    }

    /** A script page requested by POST from only a few addresses: how a web shell looks in a web log. */
    boolean rareScriptPost(Value path, boolean post) {
        return post && exclusions.isScriptPage(path.value())
                && index.distinctAlongside(path, Kind.IP, config.rarePathClients()) <= config.rarePathClients();
    }
}
