package dwell.casefile;

import java.time.Instant;

/** One scan run as the case records it. */
public record RunInfo(String commandLine, String version, String rulesetDigest, Instant started, Instant ended) {
}
