package dwell.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dwell.event.Event;
import dwell.event.FormatId;
import dwell.format.Collected;
import dwell.format.LogFormat;
import dwell.format.access.AccessLog;
import dwell.format.csv.CsvLog;
import dwell.format.exchange.EcpLog;
import dwell.format.exchange.HttpProxyLog;
import dwell.format.exchange.MessageTrackingLog;
import dwell.format.exchange.OabGeneratorLog;
import dwell.format.json.JsonLog;
import dwell.format.syslog.Syslog;
import dwell.format.w3c.IisW3cLog;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The bad inputs of issue 2, given to every text reader. */
class ReaderBadInputTest {
    /** A header (possibly empty) and two good records, per format; each good record is one line. */
    record Sample(FormatId format, String header, String good1, String good2, String field, String value2) {
    }

    static final Map<FormatId, Sample> SAMPLES = Map.of(
            IisW3cLog.ID, new Sample(IisW3cLog.ID, "#Software: Microsoft Internet Information Services 10.0\n#Fields: date time c-ip cs-uri-stem\n",
                    "2021-03-02 07:00:00 192.0.2.1 /owa/", "2021-03-02 07:00:01 192.0.2.2 /ecp/x\u00e9", "cs-uri-stem", "/ecp/x\u00e9"),
            HttpProxyLog.ID, new Sample(HttpProxyLog.ID, "#Software: Microsoft Exchange Server\n#Fields: DateTime,RequestId,UrlStem\n",
                    "2021-03-02T07:00:00.000Z,a,/owa/", "2021-03-02T07:00:01.000Z,b,\"/ecp/x\u00e9,\"\"q\"\"\"", "UrlStem", "/ecp/x\u00e9,\"q\""),
            EcpLog.ID, new Sample(EcpLog.ID, "#Fields: TimeStamp,ServerName,EventId,EventData\n",
                    "2021-03-02T07:00:00.000Z,EX1,ECP.Request,S:IP=192.0.2.1", "2021-03-02T07:00:01.000Z,EX1,ECP.Request,\"S:URL=/ecp/x\u00e9;S:IP=1\"", "URL", "/ecp/x\u00e9"),
            MessageTrackingLog.ID, new Sample(MessageTrackingLog.ID, "#Fields: date-time,client-ip,message-subject\n",
                    "2021-03-02T07:00:00.000Z,192.0.2.1,hi", "2021-03-02T07:00:01.000Z,192.0.2.2,r\u00e9sum\u00e9", "message-subject", "r\u00e9sum\u00e9"),
            OabGeneratorLog.ID, new Sample(OabGeneratorLog.ID, "",
                    "2021-03-02T07:00:00.000Z,Information,started", "2021-03-02T07:00:01.000Z,Error,caf\u00e9", "Message", "Error,caf\u00e9"),
            JsonLog.ID, new Sample(JsonLog.ID, "",
                    "{\"EventID\":1,\"TimeCreated\":\"2021-03-02T07:00:00Z\"}", "{\"EventID\":2,\"Image\":\"C:\\\\x\u00e9.exe\"}", "Image", "C:\\x\u00e9.exe"),
            CsvLog.ID, new Sample(CsvLog.ID, "Time,Host,Action\n",
                    "2021-03-02 07:00:00,h1,allow", "2021-03-02 07:00:01,h2,d\u00e9ny", "Action", "d\u00e9ny"),
            AccessLog.ID, new Sample(AccessLog.ID, "",
                    "192.0.2.1 - - [02/Mar/2021:07:00:00 +0000] \"GET / HTTP/1.1\" 200 1 \"-\" \"curl\"",
                    "192.0.2.2 - - [02/Mar/2021:07:00:01 +0000] \"GET /x\u00e9 HTTP/1.1\" 200 1 \"-\" \"curl\"", "cs-uri-stem", "/x\u00e9"),
            Syslog.ID, new Sample(Syslog.ID, "",
                    "Mar  2 07:00:00 web01 sshd[1]: Accepted", "Mar  2 07:00:01 web01 sshd[2]: caf\u00e9", "message", "caf\u00e9"));

    static Stream<Sample> samples() {
        return SAMPLES.values().stream();
    }

    private static LogFormat reader(Sample s) {
        LogFormat r = Formats.of(s.format());
        assertNotNull(r, "no reader registered for " + s.format());
        return r;
    }

    private static Collected read(Sample s, InputStream in) throws IOException {
        Collected c = new Collected();
        reader(s).read("item", in, c);
        return c;
    }

    private static Collected read(Sample s, byte[] b) throws IOException {
        return read(s, new ByteArrayInputStream(b));
    }

    @ParameterizedTest
    @MethodSource("samples")
    void goodInputGivesTwoEvents(Sample s) throws IOException {
        Collected c = read(s, (s.header() + s.good1() + "\n" + s.good2() + "\n").getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of(), c.unreadable);
        assertEquals(2, c.events.size());
        assertEquals(s.value2(), c.event(1).get(s.field()));
    }

    @ParameterizedTest
    @MethodSource("samples")
    void emptyInputGivesNothing(Sample s) throws IOException {
        Collected c = read(s, new byte[0]);
        assertEquals(0, c.events.size());
        assertEquals(0, c.unreadable.size());
    }

    @ParameterizedTest
    @MethodSource("samples")
    void binaryGarbageIsReportedNotThrown(Sample s) throws IOException {
        byte[] garbage = new byte[1 << 16];
        new Random(s.format().id().hashCode()).nextBytes(garbage);
        Collected c = read(s, garbage);
        assertTrue(c.events.size() + c.unreadable.size() > 0, "garbage must be accounted for");
        if (s.format() != CsvLog.ID) assertTrue(c.unreadable.size() > 0, "garbage must be reported unreadable");
    }

    @ParameterizedTest
    @MethodSource("samples")
    void aFiftyMegabyteLineIsSkippedWithItsNumberAndReadingGoesOn(Sample s) throws IOException {
        String before = s.header() + s.good1() + "\n";
        long lineNumber = before.lines().count() + 1;
        InputStream huge = new InputStream() {
            long left = 50L << 20;

            @Override
            public int read() {
                return left-- > 0 ? 'A' : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) return -1;
                int n = (int) Math.min(len, left);
                java.util.Arrays.fill(b, off, off + n, (byte) 'A');
                left -= n;
                return n;
            }
        };
        InputStream in = new SequenceInputStream(java.util.Collections.enumeration(List.of(
                new ByteArrayInputStream(before.getBytes(StandardCharsets.UTF_8)),
                new ByteArrayInputStream(s.format() == JsonLog.ID ? "{\"x\":\"".getBytes(StandardCharsets.UTF_8) : new byte[0]),
                huge,
                new ByteArrayInputStream(((s.format() == JsonLog.ID ? "\"}" : "") + "\n" + s.good2() + "\n").getBytes(StandardCharsets.UTF_8)))));
        Collected c = read(s, in);
        assertEquals(List.of(lineNumber), c.unreadableLines, c.unreadable.toString());
        assertTrue(c.unreadable.get(0).contains("limit"), c.unreadable.get(0));
        assertEquals(2, c.events.size());
        assertEquals(s.value2(), c.event(1).get(s.field()));
        assertEquals(lineNumber + 1, c.event(1).provenance().line());
    }

    @ParameterizedTest
    @MethodSource("samples")
    void invalidUtf8IsReplacedNotThrown(Sample s) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes((s.header() + s.good1() + "\n").getBytes(StandardCharsets.UTF_8));
        // the good record in ISO-8859-1: its e-acute is a lone 0xE9, invalid in UTF-8
        b.writeBytes((s.good2() + "\n").getBytes(StandardCharsets.ISO_8859_1));
        Collected c = read(s, b.toByteArray());
        assertEquals(2, c.events.size(), c.unreadable.toString());
        assertEquals(s.value2().replace('\u00e9', '\ufffd'), c.event(1).get(s.field()));
    }

    @ParameterizedTest
    @MethodSource("samples")
    void crlfAndLfMixed(Sample s) throws IOException {
        String text = s.header().replace("\n", "\r\n") + s.good1() + "\r\n" + s.good2() + "\n";
        Collected c = read(s, text.getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of(), c.unreadable);
        assertEquals(2, c.events.size());
        assertEquals(s.value2(), c.event(1).get(s.field()));
        for (Event e : c.events) {
            e.forEachField((k, v) -> assertFalse(v.contains("\r") || k.contains("\r"), k + "=" + v));
        }
    }

    @ParameterizedTest
    @MethodSource("samples")
    void byteOrderMarks(Sample s) throws IOException {
        String text = "\ufeff" + s.header() + s.good1() + "\r\n" + s.good2() + "\r\n";
        for (Charset cs : List.of(StandardCharsets.UTF_8, StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE)) {
            Collected c = read(s, text.getBytes(cs));
            assertEquals(List.of(), c.unreadable, cs.name());
            assertEquals(2, c.events.size(), cs.name());
            assertEquals(s.value2(), c.event(1).get(s.field()), cs.name());
            List<String> names = new ArrayList<>(c.event(0).fields().keySet());
            assertFalse(names.get(0).startsWith("\ufeff"), cs.name());
        }
    }

    @ParameterizedTest
    @MethodSource("samples")
    void utf16WithoutBomIsReadToo(Sample s) throws IOException {
        Collected c = read(s, (s.header() + s.good1() + "\r\n" + s.good2() + "\r\n").getBytes(StandardCharsets.UTF_16LE));
        assertEquals(2, c.events.size(), c.unreadable.toString());
    }
}
