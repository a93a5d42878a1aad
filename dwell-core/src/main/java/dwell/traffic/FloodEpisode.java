package dwell.traffic;

/**
 * Minutes of one series far above their baseline: the flood minutes' requests, the peak minute, the mean baseline
 * of those minutes and their 5xx answers.
 */
public record FloodEpisode(String series, String format, String host, long startMinute, long endMinute,
                           int floodMinutes, long requests, long peakPerMinute, double baselinePerMinute,
                           long serverErrors) implements Episode {
    public static final String RULE = "traffic.flood";

    @Override
    public long start() {
        return startMinute * 60;
    }

    @Override
    public long end() {
        return endMinute * 60 + 59;
    }

    @Override
    public String rule() {
        return RULE;
    }
}
