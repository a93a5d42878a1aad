package dwell.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dwell.event.FormatId;
import dwell.format.Head;
import dwell.format.LogFormat;
import dwell.format.access.AccessLog;
import dwell.format.csv.CsvLog;
import dwell.format.exchange.EcpLog;
import dwell.format.exchange.HttpProxyLog;
import dwell.format.exchange.HttpProxyLogTest;
import dwell.format.exchange.MessageTrackingLog;
import dwell.format.exchange.OabGeneratorLog;
import dwell.format.json.JsonLog;
import dwell.format.syslog.Syslog;
import dwell.format.w3c.IisW3cLog;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Sniffing through the registry: each format's clues, and the precedence between formats that claim one head. */
class SniffingTest {
    private static FormatId sniff(String name, String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return sniff(name, b, Math.min(b.length, Head.BYTES));
    }

    private static FormatId sniff(String name, byte[] b, int len) {
        LogFormat f = Formats.sniff(name, b, len);
        return f == null ? FormatId.UNKNOWN : f.id();
    }

    @Test
    void oabGeneratorLineThatAlsoFitsRsyslogsLayoutIsOab() {
        String oab = "2021-03-03T01:00:03.120Z [OABGeneratorAssistant] Information: Beginning OAB generation for "
                + "\\Default Offline Address Book\r\n";
        assertEquals(OabGeneratorLog.ID, sniff("Logging/OABGeneratorLog/OABGeneratorLog_2021030301-1.LOG", oab));
        assertEquals(Syslog.ID, sniff("messages", "2021-03-08T14:02:11.231Z rp01 nginx[812]: started\n"));
    }

    @Test
    void iisFromItsDirectivesWhateverTheName() {
        assertEquals(IisW3cLog.ID, sniff("x", "#Software: Microsoft Internet Information Services 10.0\r\n#Version: 1.0\r\n"
                + "#Date: 2021-03-02 00:00:00\r\n#Fields: date time s-ip cs-method cs-uri-stem\r\n2021-03-02 00:00:01 10.0.0.5 GET /\r\n"));
        assertEquals(IisW3cLog.ID, sniff("x.txt", "#Version: 1.0\n#Fields: s-sitename time c-ip cs-method\n"));
        assertEquals(IisW3cLog.ID, sniff("x", "#Software: Microsoft Internet Information Services 8.5\n"), "a log whose #Fields is missing");
        assertEquals(IisW3cLog.ID, sniff("x", "2021-03-02 07:32:15 10.0.0.5 POST /ecp/y.js - 443 - 203.0.113.7 UA - 200 0 0 312\n"),
                "data lines without any directive are still W3C-shaped");
    }

    @Test
    void iisNameBreaksTheTieForDirectivesWithoutFields() {
        assertEquals(IisW3cLog.ID, sniff("W3SVC1/u_ex210302.log", "#Version: 1.0\n#Date: 2021-03-02 00:00:00\n"));
        assertEquals(FormatId.UNKNOWN, sniff("notes.log", "#Version: 1.0\n#Date: 2021-03-02 00:00:00\n"));
    }

    @Test
    void exchangeLogsFromLogTypeFieldsOrHeaderRow() {
        String ex = "#Software: Microsoft Exchange Server\r\n#Version: 15.01.2106.002\r\n";
        assertEquals(HttpProxyLog.ID, sniff("a.LOG", ex + "#Log-type: HttpProxy Logs\r\n#Date: 2021-03-03T07:00:01.204Z\r\n"
                + "#Fields: " + HttpProxyLogTest.FIELDS + "\r\n"));
        assertEquals(HttpProxyLog.ID, sniff("a.LOG", "DateTime,RequestId,MajorVersion,MinorVersion\r\n2019-01-01T00:00:00Z,x,15,1\r\n"));
        assertEquals(MessageTrackingLog.ID, sniff("a.LOG", ex + "#Log-type: Message Tracking Log\r\n#Fields: date-time,client-ip,client-hostname\r\n"));
        assertEquals(MessageTrackingLog.ID, sniff("a.LOG", ex + "#Fields: date-time,client-ip,client-hostname\r\n"));
        assertEquals(EcpLog.ID, sniff("a.LOG", ex + "#Log-type: ECP Server Logs\r\n#Fields: TimeStamp,ServerName,EventId,EventData\r\n"));
        assertEquals(EcpLog.ID, sniff("a.LOG", "TimeStamp,ServerName,EventId,EventData\r\n"));
    }

    @Test
    void oabGeneratorLogsByContentOrName() {
        String line = "2021-03-03T07:50:01.100Z,Information,Starting generation\n";
        assertEquals(OabGeneratorLog.ID, sniff("Logging/OABGeneratorLog/OABGenerator_20210303.log", line));
        assertEquals(OabGeneratorLog.ID, sniff("x.log", "2021-03-03T07:50:01.100Z,Information,OABGenerator,Download failed\n"));
        assertEquals(FormatId.UNKNOWN, sniff("x.log", line), "a timestamped text log with no OAB sign is not claimed");
    }

    @Test
    void jsonShapes() {
        assertEquals(JsonLog.ID, sniff("x", "{\"EventID\":1}\n{\"EventID\":2}\n"));
        assertEquals(JsonLog.ID, sniff("x", "\ufeff[\r\n    {\r\n        \"Id\":  4104\r\n    }\r\n]"));
        assertEquals(JsonLog.ID, sniff("x", "  \n{\n  \"@timestamp\": \"2021-03-03T07:36:00Z\"\n}"));
        assertEquals(FormatId.UNKNOWN, sniff("x", "[INFO] starting up\n"));
    }

    @Test
    void accessSyslogAndCsv() {
        assertEquals(AccessLog.ID, sniff("x", "203.0.113.7 - - [03/Mar/2021:07:32:15 +0100] \"GET / HTTP/1.1\" 200 1 \"-\" \"-\"\n"));
        assertEquals(Syslog.ID, sniff("x", "Mar  3 07:00:01 web01 sshd[1]: Accepted publickey for root\n"));
        assertEquals(Syslog.ID, sniff("x", "<34>Oct 11 22:14:15 mymachine su: 'su root' failed\n"));
        assertEquals(Syslog.ID, sniff("x", "<165>1 2021-03-03T07:32:15.003Z host app - ID47 - msg\n"));
        assertEquals(Syslog.ID, sniff("x", "2024-01-02T03:04:05.123456+00:00 web01 systemd[1]: Started Session 3.\n"));
        assertEquals(CsvLog.ID, sniff("x", "TimeCreated,Id,LogName,Message\n2021-03-03,1,Security,x\n"));
        assertEquals(CsvLog.ID, sniff("x", "Date;Host;Action\n"));
        assertEquals(CsvLog.ID, sniff("export.csv", "a,b\n1,2\n"), "the .csv name breaks the tie for a two-column file");
        assertEquals(FormatId.UNKNOWN, sniff("x", "a,b\n1,2\n"));
    }

    @Test
    void badInputIsUnknown() {
        assertEquals(FormatId.UNKNOWN, sniff("u_ex210302.log", ""));
        byte[] garbage = new byte[4096];
        new java.util.Random(7).nextBytes(garbage);
        assertEquals(FormatId.UNKNOWN, sniff("u_ex210302.log", garbage, garbage.length));
    }

    @Test
    void utf16TextIsSniffed() {
        byte[] b = ("\ufeff#Software: Microsoft Exchange Server\r\n#Log-type: HttpProxy Logs\r\n").getBytes(StandardCharsets.UTF_16LE);
        assertEquals(HttpProxyLog.ID, sniff("x", b, b.length));
        byte[] be = ("\ufeff#Software: Microsoft Internet Information Services 10.0\r\n").getBytes(StandardCharsets.UTF_16BE);
        assertEquals(IisW3cLog.ID, sniff("x", be, be.length));
    }

    @Test
    void everyReaderSampleIsSniffedAsItsFormatInEveryEncoding() {
        for (ReaderBadInputTest.Sample s : ReaderBadInputTest.SAMPLES.values()) {
            String text = s.header() + s.good1() + "\r\n" + s.good2() + "\n";
            String name = s.format() == OabGeneratorLog.ID ? "Logging/OABGeneratorLog/OABGenerator_1.log" : "item";
            for (var cs : java.util.List.of(StandardCharsets.UTF_8, StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE)) {
                byte[] b = ("\ufeff" + text).getBytes(cs);
                assertEquals(s.format(), sniff(name, b, b.length), s.format() + " " + cs);
            }
        }
    }

    @Test
    void loggedRequestsCannotSpoofDirectives() {
        String iis = "#Software: Microsoft Internet Information Services 10.0\n#Fields: date time cs-uri-stem cs-uri-query\n"
                + "2021-03-02 00:00:01 /x #Log-type:+HttpProxy+#Fields:+DateTime,RequestId\n";
        assertEquals(IisW3cLog.ID, sniff("x", iis));
    }

    @Test
    void strongerCluesBeatEarlierFormats() {
        assertEquals(OabGeneratorLog.ID, sniff("x", "#Log-type: OAB Generator Logs\n#Fields: DateTime,RequestId,UrlStem\n"),
                "a log type beats a field layout");
        assertEquals(HttpProxyLog.ID, sniff("x", "#Software: Microsoft Internet Information Services 10.0\n#Fields: DateTime,RequestId\n"),
                "a field layout beats the software");
        assertEquals(IisW3cLog.ID, sniff("x", "#Fields: date time c-ip\nDateTime,RequestId,UrlStem\n"),
                "W3C field names beat a header row below them");
        assertEquals(EcpLog.ID, sniff("x", "TimeStamp,ServerName,EventId,EventData\n"), "a header row beats CSV's column names");
    }

    @Test
    void betweenEqualCluesTheRegistryOrderDecides() {
        assertEquals(HttpProxyLog.ID, sniff("x", "#Log-type: HttpProxy Message Tracking\n"));
        assertEquals(MessageTrackingLog.ID, sniff("x", "#Log-type: Message Tracking ECP\n"));
        assertEquals(EcpLog.ID, sniff("x", "#Log-type: ECP OAB\n"));
        assertEquals(JsonLog.ID, sniff("x", "{\"a\" \"b\" c [03/Mar/2021:07:32:15 +0100] \"GET\n"), "JSON before access logs");
        assertEquals(OabGeneratorLog.ID, sniff("x", "2021-03-08T14:02:11.231Z rp01 OABGenerator[812]: started\n"),
                "an OAB generator log before syslog, whose layout it also fits");
    }

    @Test
    void layoutVariants() {
        assertEquals(HttpProxyLog.ID, sniff("x", "#Fields: DateTime,ClientIp,ServerHostName,UrlStem\n"), "older HttpProxy layouts");
        assertEquals(HttpProxyLog.ID, sniff("x", "DateTime,ClientIp,ServerHostName\n2021-03-03T07:00:00Z,a,b\n"));
        assertEquals(FormatId.UNKNOWN, sniff("x", "#Fields: DateTime,ClientIp,UrlStem\n"), "a DateTime layout without host is no HttpProxy log");
        assertEquals(IisW3cLog.ID, sniff("logs/u_ex21030215_x.log", "#Version: 1.0\n"), "IIS's UTC-named logs");
        assertEquals(IisW3cLog.ID, sniff("logs/u_ex210302.1.log", "#Version: 1.0\n"), "a log IIS split by size");
        assertEquals(IisW3cLog.ID, sniff("LogFiles/W3SVC2/any.txt", "#Date: 2021-03-02\n"), "a W3SVC folder");
        assertEquals(FormatId.UNKNOWN, sniff("u_ex210302.log", "hello\n"), "the name only breaks ties: plain text is not IIS");
    }

    @Test
    void csvHeaderRules() {
        assertEquals(CsvLog.ID, sniff("x", "\"Time Created\",\"Event Id\",\"Level\"\n"), "quoted names");
        assertEquals(CsvLog.ID, sniff("x", "a\tb\tc\n"), "tab-separated");
        assertEquals(CsvLog.ID, sniff("export.tsv", "1\t2\n"), "a .tsv name breaks the tie");
        assertEquals(FormatId.UNKNOWN, sniff("x", "a,,c\n"), "an empty column name");
        assertEquals(FormatId.UNKNOWN, sniff("x", "1a,b,c\n"), "a name starting with a digit");
        assertEquals(FormatId.UNKNOWN, sniff("export.csv", "#comment\na,b,c\n"), "directives above: not a CSV export");
        assertEquals(FormatId.UNKNOWN, sniff("x", "a,b,c" + ",x".repeat(2100) + "\n"), "a first line of over 4096 characters");
    }
}
