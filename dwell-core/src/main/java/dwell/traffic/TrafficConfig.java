package dwell.traffic;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The traffic detector's thresholds ({@code dwell/traffic/thresholds.yaml}) and web log knowledge ({@code web-logs.yaml}). */
public record TrafficConfig(Thresholds thresholds, WebLogs webLogs) {
    /** Every threshold must be written out: a missing one is an error, never a silent zero. */
    private static final ObjectMapper STRICT = new ObjectMapper(new YAMLFactory())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);
    /** A web log format names only the fields it has (HttpProxy has no substatus). */
    private static final ObjectMapper LENIENT = new ObjectMapper(new YAMLFactory())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    /** Every threshold, by section. */
    public record Thresholds(Flood flood, Baseline baseline, Auth auth, Spray spray, BruteForce bruteForce,
                             Success success, Report report) {
    }

    /** When minutes are a flood, and when a flood's sources are few. */
    public record Flood(int minPerMinute, double factor, int mergeGapMinutes, int minMinutes, int fewSources,
                        double maxTopShare) {
    }

    /** How many weeks (or days) of one slot the weekly (or daily) baseline needs, and how near a minute its slot reaches. */
    public record Baseline(int minWeeks, int minDays, int windowMinutes) {
    }

    /** How failed attempts form runs, and how wide a source's network is. */
    public record Auth(int mergeGapMinutes, int networkPrefixV4, int networkPrefixV6) {
    }

    /** When a run from one network is a password spray. */
    public record Spray(int minAccounts, double maxMeanAttempts, double minAccountsPerHour) {
    }

    /** When a run on one account is a brute force. */
    public record BruteForce(int minAttempts, double minPerMinute) {
    }

    /** How long after an episode a targeted account's success from its sources counts as the account that fell. */
    public record Success(int followHours) {
    }

    /**
     * How much a finding lists, and how coarse the rate series kept for the report's chart is: the finest of
     * {@code rateBucketMinutes} that draws a series' span in at most {@code maxRatePoints} buckets.
     */
    public record Report(int top, int indicatorSources, List<Integer> rateBucketMinutes, int maxRatePoints) {
        public Report {
            rateBucketMinutes = List.copyOf(Objects.requireNonNull(rateBucketMinutes, "rate_bucket_minutes"));
            if (rateBucketMinutes.isEmpty()) throw new IllegalArgumentException("rate_bucket_minutes is empty");
        }
    }

    /** The field naming a request's authentication scheme, and the schemes whose refusal is a wrong password. */
    public record Schemes(String field, List<String> values) {
        public Schemes {
            Objects.requireNonNull(field, "field");
            values = List.copyOf(Objects.requireNonNull(values, "values"));
        }
    }

    /** The fields of one web log format; {@code failureSchemes}, when given, narrows which refusals are failures. */
    public record Fields(List<String> source, List<String> account, String status, String substatus, String win32,
                         String path, String query, List<String> userAgent, String site, Schemes failureSchemes) {
        public Fields {
            source = List.copyOf(Objects.requireNonNull(source, "source"));
            account = List.copyOf(Objects.requireNonNull(account, "account"));
            userAgent = userAgent == null ? List.of() : List.copyOf(userAgent);
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(path, "path");
        }
    }

    /** The OWA form login's answer to a wrong password. */
    public record FormFailure(String path, String query) {
    }

    /** What failed and successful authentications look like. */
    public record AuthMarkers(List<Integer> failureStatus, List<Integer> notFailureSubstatus, List<Long> notFailureWin32,
                              List<FormFailure> formFailures, List<String> ambiguousPaths,
                              List<String> accountQueryParameters, List<String> accountPrefixes, int successBelow,
                              List<String> notAccounts) {
    }

    /** The web log formats analysed, by format id, and the authentication markers. */
    public record WebLogs(Map<String, Fields> formats, AuthMarkers auth) {
    }

    public TrafficConfig {
        Objects.requireNonNull(thresholds, "thresholds");
        Objects.requireNonNull(webLogs, "web logs");
    }

    private static final TrafficConfig BUILT_IN = new TrafficConfig(
            resource("thresholds.yaml", Thresholds.class), resource("web-logs.yaml", WebLogs.class));

    /** The configuration shipped with dwell. */
    public static TrafficConfig builtin() {
        return BUILT_IN;
    }

    /** Reads one of the two files; a missing section or key, or an unknown one, is an error naming it. */
    static <T> T read(InputStream in, Class<T> type) throws IOException {
        T t = (type == Thresholds.class ? STRICT : LENIENT).readValue(in, type);
        if (t == null) throw new IOException("empty " + type.getSimpleName());
        for (var c : type.getRecordComponents()) {
            try {
                if (c.getAccessor().invoke(t) == null) throw new IOException("missing section '" + c.getName() + "'");
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return t;
    }

    private static <T> T resource(String name, Class<T> type) {
        try (InputStream in = TrafficConfig.class.getResourceAsStream("/dwell/traffic/" + name)) {
            if (in == null) throw new IOException("missing resource");
            return read(in, type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load dwell/traffic/" + name + ": " + e.getMessage(), e);
        }
    }
}
