package dwell.format.syslog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dwell.event.Event;
import dwell.event.LogSource;
import dwell.format.Collected;
import dwell.format.LogFormat;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyslogTest {
    private static Collected read(String item, Instant modified, String text) throws IOException {
        Collected c = new Collected();
        LogFormat r = new Syslog();
        r.read(item, modified, new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), c);
        return c;
    }

    @Test
    void authLogLinesTakeTheYearOfTheModificationTime() throws IOException {
        String log = "Dec 31 23:59:58 web01 sshd[2211]: Failed password for invalid user admin from 203.0.113.7 port 52311 ssh2\n"
                + "Jan  1 00:00:03 web01 sudo:   jdoe : TTY=pts/0 ; PWD=/home/jdoe ; USER=root ; COMMAND=/bin/bash\n"
                + "Jan  1 00:01:00 web01 CRON[99]: pam_unix(cron:session): session opened for user root\n";
        Collected c = read("var/log/auth.log", Instant.parse("2022-01-01T06:00:00Z"), log);
        assertEquals(List.of(), c.unreadable);
        Event first = c.event(0);
        assertEquals(Instant.parse("2021-12-31T23:59:58Z"), first.time());
        assertEquals("web01", first.host());
        assertEquals("sshd", first.get("appname"));
        assertEquals("2211", first.get("procid"));
        assertEquals("Failed password for invalid user admin from 203.0.113.7 port 52311 ssh2", first.get("message"));
        assertEquals(new LogSource("linux", null, "auth"), first.logSource());
        Event sudo = c.event(1);
        assertEquals(Instant.parse("2022-01-01T00:00:03Z"), sudo.time());
        assertEquals("sudo", sudo.get("appname"));
        assertNull(sudo.get("procid"));
        assertEquals("jdoe : TTY=pts/0 ; PWD=/home/jdoe ; USER=root ; COMMAND=/bin/bash", sudo.get("message"));
        assertEquals(Syslog.ID, sudo.format());
    }

    @Test
    void rfc5424WithStructuredData() throws IOException {
        String line = "<165>1 2021-03-03T07:32:15.003+01:00 mymachine.example.com evntslog - ID47 "
                + "[exampleSDID@32473 iut=\"3\" eventSource=\"Appli\\]cation\"] \ufeffAn application event";
        Event e = read("syslog", null, line + "\n").event(0);
        assertEquals(Instant.parse("2021-03-03T06:32:15.003Z"), e.time());
        assertEquals("20", e.get("facility"));
        assertEquals("5", e.get("severity"));
        assertEquals("mymachine.example.com", e.get("hostname"));
        assertEquals("evntslog", e.get("appname"));
        assertNull(e.get("procid"));
        assertEquals("ID47", e.get("msgid"));
        assertEquals("[exampleSDID@32473 iut=\"3\" eventSource=\"Appli\\]cation\"]", e.get("structured_data"));
        assertEquals("An application event", e.get("message"));
        assertEquals(new LogSource("linux", null, "syslog"), e.logSource());
    }

    @Test
    void rfc3164WithPriorityIsoTimestampsAndBadLines() throws IOException {
        String log = "<34>Oct 11 22:14:15 mymachine su: 'su root' failed for lonvick on /dev/pts/8\n"
                + "2024-01-02T03:04:05.123456+00:00 web01 systemd[1]: Started Session 3 of user root.\n"
                + "this is not syslog\n"
                + "<999>Oct 11 22:14:15 x y: z\n";
        Collected c = read("messages", Instant.parse("2021-11-01T00:00:00Z"), log);
        assertEquals(2, c.events.size());
        assertEquals(List.of(3L, 4L), c.unreadableLines);
        assertEquals(Instant.parse("2021-10-11T22:14:15Z"), c.event(0).time());
        assertEquals("4", c.event(0).get("facility"));
        assertEquals("2", c.event(0).get("severity"));
        assertEquals("su", c.event(0).get("appname"));
        assertEquals(Instant.parse("2024-01-02T03:04:05.123456Z"), c.event(1).time());
        assertEquals("systemd", c.event(1).get("appname"));
    }

    @Test
    void withoutModificationTimeTheYearIsNotInTheFuture() throws IOException {
        Event e = read("auth.log", null, "Jan  1 00:00:00 h sshd[1]: x\n").event(0);
        assertTrue(!e.time().isAfter(Instant.now().plusSeconds(86400)));
    }
}
