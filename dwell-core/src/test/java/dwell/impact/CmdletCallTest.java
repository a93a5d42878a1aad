package dwell.impact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The two spellings of a cmdlet in Exchange's logs: ECP's CMD and the Management log's parameter text. */
class CmdletCallTest {
    @Test
    void ecpNameThenDottedParametersQuotedOrNot() {
        CmdletCall c = CmdletCall.ofEcp("New-InboxRule.Mailbox='cfo@contoso.local'.Name='sync'.ForwardTo='drop@relay.example'.StopProcessingRules=True");
        assertEquals("New-InboxRule", c.name());
        assertEquals(Map.of("mailbox", "cfo@contoso.local", "name", "sync", "forwardto", "drop@relay.example",
                "stopprocessingrules", "True"), c.parameters());
    }

    @Test
    void ecpValueMayHoldQuotesDotsAndEqualsSigns() {
        // the ECP log does not escape the quote that encloses a value: it ends only where the next .Key= or the end follows
        CmdletCall c = CmdletCall.ofEcp("Set-OabVirtualDirectory.ExternalUrl='http://f/<script language=\"JScript\">a.b='x';</script>'"
                + ".Identity='EXCH01\\OAB (Default Web Site)'");
        assertEquals("http://f/<script language=\"JScript\">a.b='x';</script>", c.parameters().get("externalurl"));
        assertEquals("EXCH01\\OAB (Default Web Site)", c.parameters().get("identity"));
        assertEquals("it's", CmdletCall.ofEcp("Set-Mailbox.Identity='it''s'").parameters().get("identity"));
    }

    @Test
    void ecpWithoutParametersAndNonCmdlets() {
        assertEquals(Map.of(), CmdletCall.ofEcp("Get-Mailbox").parameters());
        assertNull(CmdletCall.ofEcp("/ecp/default.aspx"));
        assertNull(CmdletCall.ofEcp("whoami"));
        assertNull(CmdletCall.ofEcp(null));
        assertNull(CmdletCall.ofPowerShell("", "-Identity x"));
    }

    @Test
    void managementLogParameters() {
        // as examples/EXCH01/events/winlogbeat-EXCH01.ndjson records New-MailboxExportRequest
        CmdletCall c = CmdletCall.ofPowerShell("New-MailboxExportRequest",
                "-Mailbox \"j.smith@contoso.local\" -FilePath \"\\\\127.0.0.1\\c$\\inetpub\\wwwroot\\aspnet_client\\j.smith.pst\"");
        assertEquals("j.smith@contoso.local", c.first(List.of("Mailbox")));
        assertEquals("\\\\127.0.0.1\\c$\\inetpub\\wwwroot\\aspnet_client\\j.smith.pst", c.first(List.of("FilePath")));
    }

    @Test
    void managementLogQuotesInsideValuesSwitchesColonsAndBareWords() {
        CmdletCall c = CmdletCall.ofPowerShell("Set-OabVirtualDirectory",
                "-ExternalUrl \"http://f/<script language=\"JScript\" runat=\"server\">eval(Request[\"code\"]);</script>\" -Identity \"EXCH01\\OAB (Default Web Site)\"");
        assertEquals("http://f/<script language=\"JScript\" runat=\"server\">eval(Request[\"code\"]);</script>", c.parameters().get("externalurl"));
        assertEquals("EXCH01\\OAB (Default Web Site)", c.parameters().get("identity"));
        CmdletCall r = CmdletCall.ofPowerShell("New-ManagementRoleAssignment", "-Role ApplicationImpersonation -User 'svc-backup' -Force -Confirm:$false");
        assertEquals(Map.of("role", "ApplicationImpersonation", "user", "svc-backup", "force", "", "confirm", "$false"), r.parameters());
        // $null and empty values are no value: forwarding removed is not forwarding set
        assertNull(CmdletCall.ofPowerShell("Set-Mailbox", "-Identity x -ForwardingSmtpAddress $null").first(List.of("ForwardingSmtpAddress")));
        assertEquals("a-b@x.example", CmdletCall.ofPowerShell("Set-Mailbox", "-Identity x -ForwardingSmtpAddress a-b@x.example")
                .first(List.of("ForwardingSmtpAddress")));
    }
}
