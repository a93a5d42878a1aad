package dwell.exchange.exposure;

import dwell.exchange.build.ExchangeBuild;
import java.util.List;
import java.util.Map;

/**
 * What an input says about one server: its name, the version text as seen, the parsed build (null when the
 * text is no build), how certain it is, where it came from, and extra attributes (Edition, ServerRole).
 */
public record Observation(String name, String version, ExchangeBuild build, Certainty certainty, String source,
                          Map<String, String> attributes, List<String> notes) {
    public Observation {
        attributes = Map.copyOf(attributes);
        notes = List.copyOf(notes);
    }

    public Observation(String name, String version, ExchangeBuild build, Certainty certainty, String source) {
        this(name, version, build, certainty, source, Map.of(), List.of());
    }
}
