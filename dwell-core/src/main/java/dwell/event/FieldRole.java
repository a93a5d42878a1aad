package dwell.event;

/** The part an event field plays (an address, an account, a user agent, a path, a process, a hash, a host...); see {@code dwell/fields/roles.yaml}. */
public enum FieldRole {
    CLIENT_ADDRESS("client-address"),
    ADDRESS("address"),
    DESTINATION_ADDRESS("destination-address"),
    SERVER_ADDRESS("server-address"),
    RESOLVED_ADDRESS("resolved-address"),
    CLIENT_PORT("client-port"),
    SERVER_PORT("server-port"),
    HOST("host"),
    REMOTE_HOST("remote-host"),
    REQUEST_HOST("request-host"),
    URL("url"),
    URL_PATH("url-path"),
    URL_QUERY("url-query"),
    USER_AGENT("user-agent"),
    REQUEST_METHOD("request-method"),
    STATUS("status"),
    ACCOUNT("account"),
    EMAIL("email"),
    PROCESS("process"),
    PARENT_PROCESS("parent-process"),
    PROCESS_GUID("process-guid"),
    PARENT_PROCESS_GUID("parent-process-guid"),
    FILE("file"),
    OBJECT("object"),
    HASH("hash"),
    COMMAND("command"),
    TEXT("text");

    private final String id;

    FieldRole(String id) {
        this.id = id;
    }

    /** The role's name in the data files. */
    public String id() {
        return id;
    }

    /** The role of a name as the data files write it. */
    public static FieldRole byId(String id) {
        for (FieldRole r : values()) {
            if (r.id.equals(id)) return r;
        }
        throw new IllegalArgumentException("unknown field role '" + id + "'");
    }
}
