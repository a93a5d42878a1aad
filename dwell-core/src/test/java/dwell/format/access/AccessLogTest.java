package dwell.format.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dwell.event.Event;
import dwell.event.LogSource;
import dwell.format.Collected;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccessLogTest {
    static final String COMBINED = "203.0.113.7 - - [03/Mar/2021:07:32:15 +0100] \"POST /ecp/y.js?a=1&b=%22x%22 HTTP/1.1\" 200 1143 "
            + "\"https://mail.contoso.com/owa/\" \"Mozilla/5.0 (Windows NT 10.0; Win64; x64) \\\"quoted\\\"\"";

    @Test
    void combinedLineUnderNginxAndSigmaNames() throws IOException {
        Collected c = Collected.read(new AccessLog(), "nginx/access.log", COMBINED + "\n");
        assertEquals(List.of(), c.unreadable);
        Event e = c.event(0);
        assertEquals(Instant.parse("2021-03-03T06:32:15Z"), e.time());
        assertEquals("203.0.113.7", e.get("remote_addr"));
        assertEquals("203.0.113.7", e.get("c-ip"));
        assertEquals("POST", e.get("cs-method"));
        assertEquals("/ecp/y.js", e.get("cs-uri-stem"));
        assertEquals("a=1&b=%22x%22", e.get("cs-uri-query"));
        assertEquals("/ecp/y.js?a=1&b=%22x%22", e.get("cs-uri"));
        assertEquals("HTTP/1.1", e.get("cs-version"));
        assertEquals("200", e.get("sc-status"));
        assertEquals("1143", e.get("sc-bytes"));
        assertEquals("https://mail.contoso.com/owa/", e.get("cs-referer"));
        assertEquals("Mozilla/5.0 (Windows NT 10.0; Win64; x64) \"quoted\"", e.get("cs-user-agent"));
        assertEquals("-", e.get("cs-username"));
        assertEquals(LogSource.webserver(), e.logSource());
        assertEquals(AccessLog.ID, e.format());
        assertEquals(9, e.fields().size());
    }

    @Test
    void commonFormatAndGarbageRequests() throws IOException {
        String log = "192.0.2.1 - jdoe [10/Oct/2000:13:55:36 -0700] \"GET /apache_pb.gif HTTP/1.0\" 200 2326\n"
                + "192.0.2.2 - - [10/Oct/2000:13:55:37 -0700] \"\\x16\\x03\\x01\" 400 157 \"-\" \"-\" \"10.0.0.1\"\n"
                + "not an access log line\n"
                + "192.0.2.3 - - [10/Foo/2000:13:55:37 -0700] \"GET / HTTP/1.1\" 200 1\n";
        Collected c = Collected.read(new AccessLog(), "access.log", log);
        assertEquals(2, c.events.size());
        assertEquals(List.of(3L, 4L), c.unreadableLines);
        assertEquals("jdoe", c.event(0).get("cs-username"));
        assertNull(c.event(0).get("cs-user-agent"));
        assertEquals("-", c.event(0).get("cs-uri-query"));
        assertEquals(Instant.parse("2000-10-10T20:55:36Z"), c.event(0).time());
        assertNull(c.event(1).get("cs-method"));
        assertEquals("\"10.0.0.1\"", c.event(1).get("extra"));
        assertTrue(c.unreadable.get(1).contains("time is not"), c.unreadable.get(1));
    }
}
