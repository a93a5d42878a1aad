package dwell.pivot;

/** The kinds of value the pivot index keeps; some identify an actor, some are only context. */
public enum Kind {
    IP("ip", true, true),
    USER_AGENT("user-agent", true, false),
    PATH("path", true, true),
    ACCOUNT("account", true, true),
    FILE("file", true, true),
    HASH("hash", true, true),
    DOMAIN("domain", true, true),
    URL("url", true, true),
    /** Command lines and queries: searched for domains and URLs, never pivoted on whole. */
    COMMAND("command", false, false),
    SERVER_IP("server-ip", false, false),
    METHOD("method", false, false),
    STATUS("status", false, false);

    private final String id;
    private final boolean pivots;
    private final boolean strong;

    Kind(String id, boolean pivots, boolean strong) {
        this.id = id;
        this.pivots = pivots;
        this.strong = strong;
    }

    /** The indicator type written in findings and incidents. */
    public String id() {
        return id;
    }

    /** True if values of this kind are hunted again. */
    public boolean pivots() {
        return pivots;
    }

    /** True if two findings sharing such a value belong to one incident (a user agent alone is a weak link). */
    public boolean strong() {
        return strong;
    }

    public static Kind byId(String id) {
        for (Kind k : values()) {
            if (k.id.equals(id)) return k;
        }
        return null;
    }
}
