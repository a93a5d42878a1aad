package dwell.exchange.exposure;

import java.util.Locale;

/**
 * How an inventory's server names meet the hosts that logs and findings name: by the first DNS label,
 * case-insensitively ({@code EXCH01} = {@code exch01.contoso.local}); an address stays whole. The one place
 * to swap for a fuller host identity.
 */
final class ServerName {
    private ServerName() {
    }

    /** The key a host name compares by: equal keys, same server. */
    public static String key(String host) {
        String h = host.strip().toLowerCase(Locale.ROOT);
        if (h.chars().anyMatch(Character::isLetter)) {
            int dot = h.indexOf('.');
            if (dot > 0) h = h.substring(0, dot);
        }
        return h;
    }
}
