package dwell.pivot;

/**
 * How much a shared value says about who left two traces. A strong value (a public address, a web shell's path
 * or hash, a dropped file, a domain from a command line) ties them to one actor; a weak one (an internal address,
 * an account, a user agent, a paste site's or a CDN's name) is shared by too many people to do that on its own: it
 * finds leads, never merges.
 */
public enum Strength {
    WEAK,
    STRONG;

    static Strength of(Value v) {
        return switch (v.kind()) {
            case IP -> AddressClass.of(v.value()) == AddressClass.PUBLIC ? STRONG : WEAK;
            case DOMAIN -> SharedServices.hosts(v.value()) ? WEAK : STRONG;
            // an account used from the address that sprayed it: the actor's own session, whatever the address's class
            case PATH, FILE, HASH, URL, ACCOUNT_ADDRESS -> STRONG;
            default -> WEAK;
        };
    }

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
