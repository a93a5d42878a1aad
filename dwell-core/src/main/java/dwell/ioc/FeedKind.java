package dwell.ioc;

/** The feed formats dwell reads. */
enum FeedKind {
    PLAIN("plain"), CSV("csv"), LOKI_HASH("loki-hash"), LOKI_FILENAME("loki-filename"), LOKI_C2("loki-c2"),
    LOKI_KEYWORD("loki-keyword"), STIX("stix"), MISP("misp");

    private final String id;

    FeedKind(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
