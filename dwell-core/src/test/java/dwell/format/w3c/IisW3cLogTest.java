package dwell.format.w3c;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dwell.event.Event;
import dwell.event.LogSource;
import dwell.format.Collected;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IisW3cLogTest {
    static final String HEADER = """
            #Software: Microsoft Internet Information Services 10.0
            #Version: 1.0
            #Date: 2021-03-02 00:00:00
            #Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken
            """;
    static final String PROXYLOGON = "2021-03-02 07:32:15 10.0.0.5 POST /ecp/y.js - 443 - 203.0.113.7 "
            + "ExchangeServicesClient/0.0.0.0 - 200 0 0 312";
    static final String OWA = "2021-03-02 07:33:01 10.0.0.5 GET /owa/auth/logon.aspx "
            + "url=https%3a%2f%2fmail.contoso.com%2fowa%2f&reason=0 443 CONTOSO\\jdoe 198.51.100.20 "
            + "Mozilla/5.0+(Windows+NT+10.0;+Win64;+x64)+AppleWebKit/537.36 https://mail.contoso.com/owa/ 302 0 0 15";

    private static Collected read(String text) throws IOException {
        return Collected.read(new IisW3cLog(), "W3SVC1/u_ex210302.log", text);
    }

    @Test
    void readsEveryFieldOfTheDefaultIisLayout() throws IOException {
        Collected c = read(HEADER + PROXYLOGON + "\r\n" + OWA + "\r\n");
        assertEquals(List.of(), c.unreadable);
        assertEquals(2, c.events.size());
        Event e = c.event(0);
        assertEquals(Instant.parse("2021-03-02T07:32:15Z"), e.time());
        assertEquals(IisW3cLog.ID, e.format());
        assertEquals(LogSource.webserver(), e.logSource());
        assertEquals("POST", e.get("cs-method"));
        assertEquals("/ecp/y.js", e.get("cs-uri-stem"));
        assertEquals("-", e.get("cs-uri-query"));
        assertEquals("203.0.113.7", e.get("c-ip"));
        assertEquals("ExchangeServicesClient/0.0.0.0", e.get("cs(User-Agent)"));
        assertEquals("200", e.get("sc-status"));
        assertEquals("312", e.get("time-taken"));
        assertNull(e.get("cs-host"));
        assertEquals("W3SVC1/u_ex210302.log", e.provenance().item());
        assertEquals(5, e.provenance().line());
        assertEquals(PROXYLOGON, e.raw());
        assertNull(e.host());
        Map<String, String> f = e.fields();
        assertEquals(15, f.size());
        assertEquals("date", f.keySet().iterator().next());
    }

    @Test
    void headerFieldsAnswerToSigmaTaxonomyNames() throws IOException {
        Event e = read(HEADER + OWA + "\n").event(0);
        assertEquals("Mozilla/5.0+(Windows+NT+10.0;+Win64;+x64)+AppleWebKit/537.36", e.get("cs-user-agent"));
        assertEquals("https://mail.contoso.com/owa/", e.get("cs-referer"));
        assertEquals("CONTOSO\\jdoe", e.get("cs-username"));
        assertEquals("url=https%3a%2f%2fmail.contoso.com%2fowa%2f&reason=0", e.get("cs-uri-query"));
        assertEquals("/owa/auth/logon.aspx?url=https%3a%2f%2fmail.contoso.com%2fowa%2f&reason=0", e.get("cs-uri"));
        assertEquals("/ecp/y.js", read(HEADER + PROXYLOGON + "\n").event(0).get("cs-uri"), "no query: the stem alone");
        assertEquals(5, e.provenance().line());
    }

    @Test
    void aNewFieldsDirectiveMidFileChangesTheLayout() throws IOException {
        String text = HEADER + PROXYLOGON + "\n"
                + "#Software: Microsoft Internet Information Services 10.0\n#Version: 1.0\n#Date: 2021-03-02 09:00:00\n"
                + "#Fields: date time s-sitename s-computername s-ip cs-method cs-uri-stem cs-uri-query s-port c-ip cs-host sc-status\n"
                + "2021-03-02 09:15:00 W3SVC1 EXCH01 10.0.0.5 GET /aspnet_client/discover.aspx - 443 192.0.2.9 mail.contoso.com 200\n";
        Collected c = read(text);
        assertEquals(List.of(), c.unreadable);
        assertEquals(2, c.events.size());
        Event second = c.event(1);
        assertEquals("EXCH01", second.host());
        assertEquals("mail.contoso.com", second.get("cs-host"));
        assertEquals("/aspnet_client/discover.aspx", second.get("cs-uri-stem"));
        assertNull(second.get("cs(User-Agent)"));
        assertEquals(10, second.provenance().line());
        assertEquals(12, second.fields().size());
        assertEquals(Instant.parse("2021-03-02T09:15:00Z"), second.time());
    }

    @Test
    void repeatedIdenticalHeadersShareOneLayout() throws IOException {
        Collected c = read(HEADER + PROXYLOGON + "\n" + HEADER + OWA + "\n");
        assertEquals(2, c.events.size());
        assertTrue(c.event(0) instanceof W3cEvent);
    }

    @Test
    void missingFieldsDirectiveMakesEveryDataLineUnreadable() throws IOException {
        Collected c = read("#Software: Microsoft Internet Information Services 10.0\n" + PROXYLOGON + "\n" + OWA + "\n");
        assertEquals(0, c.events.size());
        assertEquals(List.of(2L, 3L), c.unreadableLines);
        assertTrue(c.unreadable.get(0).contains("before any #Fields"), c.unreadable.get(0));
    }

    @Test
    void wrongValueCountAndBadTimesAreReportedAndReadingGoesOn() throws IOException {
        Collected c = read(HEADER + "2021-03-02 07:32:15 10.0.0.5 POST\n"
                + PROXYLOGON + " extra\n"
                + PROXYLOGON.replace("07:32:15", "7:32") + "\n"
                + PROXYLOGON.replace("2021-03-02", "2021-02-30") + "\n"
                + OWA + "\n");
        assertEquals(1, c.events.size());
        assertEquals(List.of(5L, 6L, 7L, 8L), c.unreadableLines);
        assertTrue(c.unreadable.get(0).contains("4 values where #Fields: names 15"), c.unreadable.get(0));
        assertTrue(c.unreadable.get(1).contains("more than 15"), c.unreadable.get(1));
        assertTrue(c.unreadable.get(2).contains("date/time"), c.unreadable.get(2));
    }

    @Test
    void eachLineHasItsOwnDayWhenTheDateChangesAndComesBack() throws IOException {
        Collected c = read(HEADER + PROXYLOGON + "\n"
                + PROXYLOGON.replace("2021-03-02", "2021-03-03") + "\n"
                + PROXYLOGON.replace("2021-03-02", "2021-02-30") + "\n"
                + PROXYLOGON.replace("2021-03-02", "2020-02-29") + "\n"
                + PROXYLOGON + "\n"
                + "#Fields: date c-ip\n2021-03-03 192.0.2.1\n2021-13-03 192.0.2.1\n2021-03-02 192.0.2.1\n");
        assertEquals(List.of(7L), c.unreadableLines);
        List<Instant> times = c.events.stream().map(Event::time).toList();
        assertEquals(List.of(Instant.parse("2021-03-02T07:32:15Z"), Instant.parse("2021-03-03T07:32:15Z"),
                Instant.parse("2020-02-29T07:32:15Z"), Instant.parse("2021-03-02T07:32:15Z"), Instant.parse("2021-03-03T00:00:00Z"),
                Instant.parse("2021-03-02T00:00:00Z")), times.stream().filter(t -> t != null).toList());
        assertNull(times.get(5), "a date-only line with a bad date has no time");
    }

    @Test
    void timeWithoutDateFieldTakesTheDayFromTheDateDirective() throws IOException {
        Collected c = read("#Version: 1.0\n#Date: 2020-12-31 23:00:00\n#Fields: time c-ip cs-method cs-uri-stem sc-status\n"
                + "23:59:59.250 192.0.2.1 GET /owa/ 200\n");
        assertEquals(Instant.parse("2020-12-31T23:59:59.250Z"), c.event(0).time());
    }

    @Test
    void runsOfWhiteSpaceSeparateValuesToo() throws IOException {
        Collected c = read("#Fields: date time c-ip cs-method\n2021-03-02  07:00:00\t192.0.2.1   GET\n");
        Event e = c.event(0);
        assertEquals("192.0.2.1", e.get("c-ip"));
        assertEquals("GET", e.get("cs-method"));
        assertEquals("07:00:00", e.get("time"));
    }

    @Test
    void invalidUtf8BecomesReplacementCharacters() throws IOException {
        byte[] head = (HEADER).getBytes(StandardCharsets.UTF_8);
        byte[] line = PROXYLOGON.replace("/ecp/y.js", "/ecp/\u00ff\u00fe.js").getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[head.length + line.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(line, 0, all, head.length, line.length);
        Collected c = Collected.read(new IisW3cLog(), "x.log", all);
        assertEquals("/ecp/\ufffd\ufffd.js", c.event(0).get("cs-uri-stem"));
    }

    @Test
    void wordAtATimeSeparatorSearchAgreesWithAPlainScan() {
        java.util.Random rnd = new java.util.Random(5);
        byte[] alphabet = {' ', '\t', 0x29, 0x19, (byte) 0xa0, (byte) 0x89, 'a', 0x21, 0x08};
        for (int round = 0; round < 5000; round++) {
            byte[] b = new byte[rnd.nextInt(30)];
            for (int i = 0; i < b.length; i++) b[i] = alphabet[rnd.nextInt(alphabet.length)];
            int from = b.length == 0 ? 0 : rnd.nextInt(b.length);
            int expected = from;
            while (expected < b.length && b[expected] != ' ' && b[expected] != '\t') expected++;
            assertEquals(expected, IisW3cLog.nextSeparator(b, from, b.length), java.util.Arrays.toString(b) + " from " + from);
        }
    }
}
