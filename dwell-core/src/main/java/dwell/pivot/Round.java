package dwell.pivot;

/** What one pivot round did: the indicators it hunted, the findings it added, the new indicators they revealed. */
public record Round(int round, int indicators, int findings, int newIndicators, long nanos) {
}
