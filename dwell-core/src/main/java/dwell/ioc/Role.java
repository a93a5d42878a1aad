package dwell.ioc;

/** The part an event field plays for indicator matching; each role is read in its own way (see placement.yaml). */
enum Role {
    SOURCE_ADDRESS("source-address"), DESTINATION_ADDRESS("destination-address"), ADDRESS("address"),
    SOURCE_PORT("source-port"), DESTINATION_PORT("destination-port"), HOST("host"), URL("url"),
    URL_PATH("url-path"), URL_QUERY("url-query"), TEXT("text"), USER_AGENT("user-agent"), HASH("hash"),
    PATH("path"), EMAIL("email");

    /** All address roles. */
    static final int ADDRESSES = bit(SOURCE_ADDRESS) | bit(DESTINATION_ADDRESS) | bit(ADDRESS);
    static final int PORTS = bit(SOURCE_PORT) | bit(DESTINATION_PORT);
    /** Roles whose values are searched for substrings. */
    static final int SEARCHED = bit(URL) | bit(URL_QUERY) | bit(TEXT) | bit(USER_AGENT) | bit(EMAIL);

    private final String id;

    Role(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    static int bit(Role r) {
        return 1 << r.ordinal();
    }

    static Role byId(String id) {
        for (Role r : values()) {
            if (r.id.equals(id)) return r;
        }
        throw new IllegalArgumentException("unknown role: " + id);
    }

    /** True if an address seen in a field of this role mask can match an indicator of this direction. */
    static boolean allows(Direction d, int roleMask) {
        return switch (d) {
            case ANY -> (roleMask & ADDRESSES) != 0;
            case SOURCE -> (roleMask & bit(SOURCE_ADDRESS)) != 0;
            case DESTINATION -> (roleMask & bit(DESTINATION_ADDRESS)) != 0;
        };
    }

    static boolean allowsPort(Direction d, int roleMask) {
        return switch (d) {
            case ANY -> (roleMask & PORTS) != 0;
            case SOURCE -> (roleMask & bit(SOURCE_PORT)) != 0;
            case DESTINATION -> (roleMask & bit(DESTINATION_PORT)) != 0;
        };
    }
}
