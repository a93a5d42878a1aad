package dwell.exchange.pack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dwell.event.FormatId;
import dwell.evidence.EvidenceItem;
import dwell.hunt.Finding;
import dwell.hunt.Indicator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExchangeFileChecksTest {
    static final String CHOPPER = "<%@ Page Language=\"Jscript\"%><%eval(Request.Item[\"z9\"],\"unsafe\");%>";
    static final String BENIGN_PAGE = "<%@ Page Language=\"C#\" %><html><body>Sign in</body></html>";
    static final String HTTPPROXY = "C/Program Files/Microsoft/Exchange Server/V15/FrontEnd/HttpProxy/";
    static final Instant MTIME = Instant.parse("2019-06-01T12:00:00Z");

    @TempDir
    Path dir;

    private List<String> checks(String path, String content) throws IOException {
        Path f = Files.writeString(dir.resolve("item"), content, StandardCharsets.ISO_8859_1);
        EvidenceItem item = new EvidenceItem(path, Files.size(f), MTIME, "ab".repeat(32), FormatId.UNKNOWN);
        PackEvents.Sink sink = new PackEvents.Sink();
        new ExchangeFileChecks(PackEvents.RULES).onItem(item, f, sink);
        for (Finding x : sink.findings) {
            assertEquals(MTIME, x.time());
            assertEquals("exchange", x.detector());
            assertEquals(path, x.evidence().path());
        }
        return sink.findings.stream().map(x -> x.rule().meta().get("check")).toList();
    }

    @Test
    void pagesInAspnetClient() throws IOException {
        assertEquals(List.of("aspnet-client-page", "webshell-content"),
                checks("EXCH01/C/inetpub/wwwroot/aspnet_client/system_web/log.aspx", CHOPPER));
        assertEquals(List.of("aspnet-client-page"), checks("triage.zip!/C/inetpub/wwwroot/aspnet_client/x.ASHX", BENIGN_PAGE));
        assertEquals(List.of(), checks("EXCH01/C/inetpub/wwwroot/aspnet_client/system_web/4_0_30319/WebUIValidation.js", "var x;"));
    }

    @Test
    void ecpAuthHoldsOnlyTimeoutLogoff() throws IOException {
        assertEquals(List.of(), checks(HTTPPROXY + "ecp/auth/TimeoutLogoff.aspx", BENIGN_PAGE));
        assertEquals(List.of("ecp-auth-file"), checks(HTTPPROXY + "ecp/auth/a.js", "x"));
        assertEquals(List.of("ecp-auth-file"), checks(HTTPPROXY + "ecp/auth/sub/TimeoutLogoff.aspx", BENIGN_PAGE));
    }

    @Test
    void owaAuthPagesOtherThanExchangesOwn() throws IOException {
        for (String own : List.of("logon.aspx", "errorFE.aspx", "ExpiredPassword.aspx", "RedirSuiteServiceProxy.aspx", "signout.aspx")) {
            assertEquals(List.of(), checks(HTTPPROXY + "owa/auth/" + own, BENIGN_PAGE), own);
        }
        assertEquals(List.of(), checks(HTTPPROXY + "owa/auth/Current/themes/resources/logon.css", "body{}"));
        assertEquals(List.of("owa-auth-page"), checks(HTTPPROXY + "owa/auth/OutlookEN.aspx", BENIGN_PAGE));
        assertEquals(List.of("owa-auth-page"), checks(HTTPPROXY + "owa/auth/Current/themes/errorFS.aspx", BENIGN_PAGE));
        assertEquals(List.of("owa-auth-page"), checks(HTTPPROXY + "owa/auth/15.1.2176/scripts/pxh4HG1v.ashx", BENIGN_PAGE));
        // Exchange's own name with a shell inside: the name passes, the content does not
        assertEquals(List.of("webshell-content"), checks(HTTPPROXY + "owa/auth/RedirSuiteServiceProxy.aspx", CHOPPER));
    }

    @Test
    void findingsNameTheFileAndItsHash() throws IOException {
        Path f = Files.writeString(dir.resolve("n"), BENIGN_PAGE);
        PackEvents.Sink sink = new PackEvents.Sink();
        new ExchangeFileChecks(PackEvents.RULES).onItem(new EvidenceItem(HTTPPROXY + "owa/auth/OutlookEN.aspx", 10, MTIME,
                "cd".repeat(32), FormatId.UNKNOWN), f, sink);
        Finding x = sink.findings.get(0);
        assertEquals(List.of(new Indicator("file-name", "OutlookEN.aspx"), new Indicator("sha256", "cd".repeat(32))), x.indicators());
        assertEquals("cd".repeat(32), x.evidence().sha256());
        assertEquals(MTIME.toString(), x.event().get("mtime"));
        assertTrue(x.rule().tags().contains("attack.t1505.003"));
    }

    @Test
    void lsassDumpsAndProgramDataArchives() throws IOException {
        assertEquals(List.of("lsass-dump"), checks("EXCH01/C/root/lsass.dmp", "MDMP"));
        assertEquals(List.of("lsass-dump"), checks("EXCH01/C/Windows/Temp/LSASS_0302.DMP", "MDMP"));
        assertEquals(List.of(), checks("EXCH01/C/Windows/Temp/lsass.txt", "x"));
        assertEquals(List.of("programdata-archive"), checks("EXCH01/C/ProgramData/VSperfmon/out.7z", "7z"));
        assertEquals(List.of("programdata-archive"), checks("coll.zip!/C/ProgramData/x.rar", "rar"));
        assertEquals(List.of(), checks("EXCH01/C/ProgramData/Microsoft/Crypto/key.dat", "x"));
        assertEquals(List.of(), checks("EXCH01/C/Users/admin/Downloads/tools.zip", "x"));
    }

    @Test
    void webShellContentInAnyServerPage() throws IOException {
        assertEquals(List.of("webshell-content"), checks("EXCH01/C/inetpub/wwwroot/iisstart.aspx",
                "<script language=\"JScript\" runat=\"server\">function Page_Load(){eval(Request[\"klk123456\"],\"unsafe\");}</script>"));
        assertEquals(List.of(), checks("EXCH01/C/inetpub/wwwroot/iisstart.aspx", BENIGN_PAGE));
        // the same text in a non-page file is not served as code
        assertEquals(List.of(), checks("EXCH01/C/Users/admin/notes.txt", CHOPPER));
    }
}
