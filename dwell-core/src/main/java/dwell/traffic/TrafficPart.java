package dwell.traffic;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * What the traffic detector counted over one share of the evidence: requests a minute per series, each web log item's
 * span (to read it again for an episode's details) and the failed authentications' runs by network and by account.
 */
record TrafficPart(Map<String, RateSeries> series, Map<String, ItemSpan> items, Map<String, List<FailureRun>> byNetwork,
                   Map<String, List<FailureRun>> byAccount) implements Serializable {
}
