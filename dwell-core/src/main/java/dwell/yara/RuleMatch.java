package dwell.yara;

import java.util.List;
import java.util.Map;

/** A rule that matched a file: its name, tags, meta (values as String, Long or Boolean) and non-private string matches. */
public record RuleMatch(String rule, List<String> tags, Map<String, Object> meta, List<StringMatch> strings) {
    /** One match of a string: identifier, offset, and the matched bytes (at most {@link #MAX_DATA}). */
    public record StringMatch(String identifier, long offset, int length, byte[] data) {
        /** Bytes of matched data kept per match, as YARA's YR_MAX_MATCH_DATA. */
        public static final int MAX_DATA = 512;
    }
}
