package dwell.ioc;

import java.util.List;

/** The indicators loaded from a set of feeds, with each feed's statistics. */
public record IocSet(List<Ioc> iocs, List<FeedStats> feeds) {
    public IocSet {
        iocs = List.copyOf(iocs);
        feeds = List.copyOf(feeds);
    }
}
