package dwell.formats;

import dwell.event.FormatId;
import dwell.event.LogSource;
import dwell.format.Clue;
import dwell.format.Head;
import dwell.format.LogFormat;
import dwell.format.access.AccessLog;
import dwell.format.csv.CsvLog;
import dwell.format.evtx.EvtxLog;
import dwell.format.exchange.EcpLog;
import dwell.format.exchange.HttpProxyLog;
import dwell.format.exchange.MessageTrackingLog;
import dwell.format.exchange.OabGeneratorLog;
import dwell.format.json.JsonLog;
import dwell.format.syslog.Syslog;
import dwell.format.w3c.IisW3cLog;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every log format dwell reads. An item is in the format whose clue in the item's head is strongest, and between
 * equal clues in the one listed first here: the order below is the sniffing precedence. A new format is its class
 * and one line in this list.
 */
public final class Formats {
    private static final List<LogFormat> ALL = List.of(
            new EvtxLog(),
            // Exchange's logs in the order their #Log-type words are tried: a log type naming two is the first one's
            new HttpProxyLog(),
            new MessageTrackingLog(),
            new EcpLog(),
            new JsonLog(),
            new AccessLog(),
            // before syslog: a leading time also fits rsyslog's "time host tag:" layout, the OAB words decide
            new OabGeneratorLog(),
            new Syslog(),
            // W3C's data shape and IIS's file names are weaker signs than the shapes above
            new IisW3cLog(),
            // a header row is the weakest sign of all
            new CsvLog());
    private static final Map<FormatId, LogFormat> BY_ID = new HashMap<>();

    static {
        for (LogFormat f : ALL) {
            if (BY_ID.put(f.id(), f) != null) throw new IllegalStateException("two formats with the id " + f.id());
        }
    }

    private Formats() {
    }

    /** Every format, in sniffing order. */
    public static List<LogFormat> all() {
        return ALL;
    }

    /** The format of the item whose first {@code length} bytes are in {@code head}, or null when none claims it. */
    public static LogFormat sniff(String path, byte[] head, int length) {
        return pick(ALL, Head.of(path, head, length));
    }

    /** The format with the strongest clue in the head, the first listed of those with equal clues; null if none. */
    static LogFormat pick(List<LogFormat> formats, Head h) {
        LogFormat best = null;
        Clue strongest = null;
        for (LogFormat f : formats) {
            Clue c = f.sniff(h);
            if (c != null && (strongest == null || c.compareTo(strongest) < 0)) {
                // nothing is stronger than a magic number and ties go to the first: the later sniffers cannot win
                if (c == Clue.MAGIC) return f;
                best = f;
                strongest = c;
            }
        }
        return best;
    }

    /** The format with this id, or null (an archive, an unknown item). */
    public static LogFormat of(FormatId id) {
        return BY_ID.get(id);
    }

    /** The format named by an id written in data (a mapping file). */
    public static LogFormat byId(String id) {
        for (LogFormat f : ALL) {
            if (f.id().id().equals(id)) return f;
        }
        throw new IllegalArgumentException("unknown format id: " + id);
    }

    /** The logsources the formats give their events (besides those of Windows channels). */
    public static Set<LogSource> logSources() {
        Set<LogSource> out = new LinkedHashSet<>();
        for (LogFormat f : ALL) {
            if (!f.logSource().equals(LogSource.NONE)) out.add(f.logSource());
        }
        return out;
    }
}
