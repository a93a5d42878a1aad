package dwell.pivot;

import dwell.hunt.Level;
import java.time.Instant;

/**
 * How far and on what the pivot goes.
 *
 * @param depth           most rounds after the first pass (--pivot-depth)
 * @param maxShare        a value carried by more than this share of all events is too common to pivot...
 * @param minCommonCount  ...once it is carried by at least this many events
 * @param maxDistinct     an address seen with more accounts (or a user agent or path seen from more addresses)
 *                        than this is shared infrastructure, not an actor
 * @param rarePathClients a POSTed script page requested from at most this many addresses is a web-shell path
 * @param minLevel        findings below this level do not seed the pivot
 * @param asOf            the date dwell time is measured to, or null for the last trace
 */
public record PivotConfig(int depth, double maxShare, int minCommonCount, int maxDistinct, int rarePathClients,
                          Level minLevel, Instant asOf) {
    public static final PivotConfig DEFAULT = new PivotConfig(3, 0.05, 100, 10, 3, Level.LOW, null);

    public PivotConfig withDepth(int d) {
        return new PivotConfig(d, maxShare, minCommonCount, maxDistinct, rarePathClients, minLevel, asOf);
    }

    public PivotConfig withAsOf(Instant t) {
        return new PivotConfig(depth, maxShare, minCommonCount, maxDistinct, rarePathClients, minLevel, t);
    }
}
