package dwell.impact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** AnchorMailbox as Exchange's HttpProxy writes it: which anchors name a mailbox, and how. */
class AnchorTest {
    private static Anchor parse(String s) {
        return Anchor.parse(s, ImpactRules.builtin());
    }

    @Test
    void addressesWhateverTheSpelling() {
        assertEquals(new Anchor(ImpactRules.AnchorKind.ADDRESS, "j.smith@contoso.local"), parse("Smtp~J.Smith@contoso.local"));
        assertEquals(new Anchor(ImpactRules.AnchorKind.ADDRESS, "j.smith@contoso.local"), parse("SMTP:j.smith@contoso.local"));
        assertNull(parse("Smtp~not-an-address"));
    }

    @Test
    void sidsAndIds() {
        assertEquals(new Anchor(ImpactRules.AnchorKind.SID, "S-1-5-21-1-2-3-1107"), parse("Sid~s-1-5-21-1-2-3-1107"));
        assertNull(parse("Sid~garbage"));
        assertEquals(new Anchor(ImpactRules.AnchorKind.ID, "MailboxGuid~6a1f0d2e-9b7c@contoso.local"),
                parse("MailboxGuid~6A1F0D2E-9B7C@contoso.local"));
    }

    @Test
    void routingAnchorsNameNoMailbox() {
        // CVE-2021-26855's SSRF anchor, a database, a server: routing, not somebody's mail
        assertNull(parse("ServerInfo~a]@EXCH01.contoso.local:444/autodiscover/autodiscover.xml?#"));
        assertNull(parse("DatabaseGuid~0f5b5b5c-1111-2222-3333-444444444444"));
        assertNull(parse(""));
        assertNull(parse("~"));
        assertNull(parse(null));
    }
}
