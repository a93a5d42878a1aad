package dwell.format.w3c;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dwell.event.Event;
import dwell.format.EventSink;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The W3C reader's per-line method is what a Spark executor's C2 compiles longest (every sink inlined into it): it must
 * be compiled once, not again each time the evidence first shows a new kind of month.
 */
class IisW3cLogJitTest {
    /** The method C2 compiles with the per-line work inlined. */
    private static final String LINE = "dwell.format.w3c.IisW3cLog$Item::line";

    @Test
    void c2CompilesTheLineMethodOnceOverTwoYearsOfDailyFiles() throws Exception {
        // -Xbatch: each compilation is made when it is asked for, so what is compiled does not depend on the machine's load
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xbatch",
                "-XX:+PrintCompilation", "-cp", System.getProperty("java.class.path"), TwoYears.class.getName());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        assertEquals("events " + TwoYears.DAYS * TwoYears.LINES, out.lines().filter(l -> l.startsWith("events ")).findFirst().orElse(out));
        // PrintCompilation's columns: time, id, flags (% for on-stack replacement), tier, method; "made not entrant" after a trap
        List<String> c2 = out.lines().filter(l -> l.contains(LINE + " ") && !l.contains("made not entrant"))
                .filter(l -> l.substring(0, l.indexOf(LINE)).trim().endsWith(" 4")).toList();
        assertEquals(1, c2.size(), String.join("\n", c2));
    }

    /** Reads two years (a leap year first) of IIS's daily files, a few hundred lines each, as an executor's task does. */
    static final class TwoYears {
        static final int DAYS = 731;
        static final int LINES = 200;

        public static void main(String[] args) throws IOException {
            long[] events = new long[1];
            EventSink sink = new EventSink() {
                @Override
                public void event(Event event) {
                    if (event.time() != null) events[0]++;
                }

                @Override
                public void unreadable(long position, String reason) {
                    throw new IllegalStateException("line " + position + ": " + reason);
                }
            };
            IisW3cLog format = new IisW3cLog();
            LocalDate day = LocalDate.of(2020, 1, 1);
            for (int d = 0; d < DAYS; d++, day = day.plusDays(1)) {
                StringBuilder file = new StringBuilder(IisW3cLogTest.HEADER.replace("2021-03-02", day.toString()));
                for (int i = 0; i < LINES; i++) {
                    file.append(IisW3cLogTest.PROXYLOGON.replace("2021-03-02", day.toString())
                            .replace("07:32:15", String.format("%02d:%02d:%02d", i / 3600, i / 60 % 60, i % 60))).append("\r\n");
                }
                format.read("u_ex" + day + ".log", new ByteArrayInputStream(file.toString().getBytes(StandardCharsets.UTF_8)), sink);
            }
            System.out.println("events " + events[0]);
        }
    }
}
