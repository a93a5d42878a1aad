package dwell.traffic;

/** A run of failed authentications judged a password spray (key: a source network) or a brute force (key: an account). */
public record AuthEpisode(Kind kind, String format, String key, FailureRun run) implements Episode {
    /** The two kinds, with their rule ids. */
    public enum Kind {
        SPRAY("traffic.password-spray"), BRUTE_FORCE("traffic.brute-force");

        private final String rule;

        Kind(String rule) {
            this.rule = rule;
        }

        public String rule() {
            return rule;
        }
    }

    @Override
    public long start() {
        return run.start();
    }

    @Override
    public long end() {
        return run.end();
    }

    @Override
    public String rule() {
        return kind.rule();
    }
}
