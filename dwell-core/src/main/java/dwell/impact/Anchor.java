package dwell.impact;

import java.util.Locale;

/**
 * The mailbox an HttpProxy {@code AnchorMailbox} names: {@code Smtp~a@b} and {@code SMTP:a@b} an address,
 * {@code Sid~S-1-5-21-...} a SID (resolved later where the evidence maps it), {@code MailboxGuid~...} an id kept
 * as written. Other anchors (ServerInfo~, DatabaseGuid~...) route a request but name no mailbox: null.
 */
record Anchor(ImpactRules.AnchorKind kind, String value) {
    static Anchor parse(String anchor, ImpactRules rules) {
        if (anchor == null) return null;
        String a = anchor.strip();
        int sep = indexOfSeparator(a);
        if (sep <= 0 || sep == a.length() - 1) return null;
        ImpactRules.AnchorKind kind = rules.anchors().get(a.substring(0, sep).toLowerCase(Locale.ROOT));
        if (kind == null) return null;
        String v = a.substring(sep + 1).strip();
        return switch (kind) {
            case ADDRESS -> v.indexOf('@') > 0 ? new Anchor(kind, v.toLowerCase(Locale.ROOT)) : null;
            case SID -> v.regionMatches(true, 0, "S-1-", 0, 4) ? new Anchor(kind, v.toUpperCase(Locale.ROOT)) : null;
            case ID -> new Anchor(kind, a.substring(0, sep) + "~" + v.toLowerCase(Locale.ROOT));
        };
    }

    private static int indexOfSeparator(String a) {
        int tilde = a.indexOf('~');
        int colon = a.indexOf(':');
        if (tilde < 0) return colon;
        return colon < 0 ? tilde : Math.min(tilde, colon);
    }
}
