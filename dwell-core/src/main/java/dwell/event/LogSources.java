package dwell.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The Sigma logsource of a Windows event log channel; the table is data (logsources.yaml). The logsource of the
 * other formats is each format's own fact.
 */
public final class LogSources {
    private static final Map<String, LogSource> CHANNELS = new HashMap<>();

    static {
        try (InputStream in = LogSources.class.getResourceAsStream("/dwell/logsources.yaml")) {
            JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(in);
            for (Iterator<Map.Entry<String, JsonNode>> it = root.path("channels").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                CHANNELS.put(e.getKey().toLowerCase(Locale.ROOT), of(e.getValue()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load /dwell/logsources.yaml", e);
        }
    }

    private LogSources() {
    }

    /** The logsource of a Windows event log channel; unknown channels are {@code windows} with the channel as service. */
    public static LogSource forChannel(String channel) {
        if (channel == null || channel.isEmpty()) return new LogSource("windows", null, null);
        LogSource s = CHANNELS.get(channel.toLowerCase(Locale.ROOT));
        return s != null ? s : new LogSource("windows", null, channel.toLowerCase(Locale.ROOT));
    }

    /** Every logsource the table gives a channel. */
    public static Set<LogSource> channels() {
        return new LinkedHashSet<>(CHANNELS.values());
    }

    private static LogSource of(JsonNode n) {
        return new LogSource(text(n, "product"), text(n, "category"), text(n, "service"));
    }

    private static String text(JsonNode n, String k) {
        JsonNode v = n.get(k);
        return v == null || v.isNull() ? null : v.asText();
    }
}
