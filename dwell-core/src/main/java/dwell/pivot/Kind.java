package dwell.pivot;

/** The kinds of value the pivot index keeps; some may identify an actor (see {@link Strength}), some are only context. */
public enum Kind {
    IP("ip", true),
    USER_AGENT("user-agent", true),
    PATH("path", true),
    ACCOUNT("account", true),
    FILE("file", true),
    HASH("hash", true),
    DOMAIN("domain", true),
    URL("url", true),
    /** Command lines and queries: searched for domains and URLs, never pivoted on whole. */
    COMMAND("command", false),
    SERVER_IP("server-ip", false),
    METHOD("method", false),
    STATUS("status", false),
    /**
     * An account used from one address, {@code account from address}: never read from a field, only declared by a
     * finding (the account that fell to a spray, and where from); it finds the events carrying both.
     */
    ACCOUNT_ADDRESS("account-address", true);

    /** What separates the account from the address in an {@link #ACCOUNT_ADDRESS} value. */
    public static final String FROM = " from ";

    private final String id;
    private final boolean pivots;

    Kind(String id, boolean pivots) {
        this.id = id;
        this.pivots = pivots;
    }

    /** The indicator type written in findings and incidents. */
    public String id() {
        return id;
    }

    /** True if values of this kind are hunted again. */
    public boolean pivots() {
        return pivots;
    }

    /**
     * True if the pivot weighs values of this kind (how many events carry them, what they are seen with) before it
     * hunts them: every kind it hunts but a pair, which names one actor by construction. No rule reads the statistics
     * of the others, and statuses, methods and the server's address are carried by nearly every event.
     */
    public boolean weighed() {
        return pivots && this != ACCOUNT_ADDRESS;
    }

    public static Kind byId(String id) {
        for (Kind k : values()) {
            if (k.id.equals(id)) return k;
        }
        return null;
    }
}
