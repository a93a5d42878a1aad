package dwell.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressLineTest {
    private final AtomicLong clock = new AtomicLong();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private void at(double seconds) {
        clock.set((long) (seconds * 1e9));
    }

    private ProgressLine line() {
        return new ProgressLine("scan", err, clock::get);
    }

    @Test
    void readingShowsFilesBytesRateAndTimeLeftMeasuredFromTheFirstRead() {
        ProgressLine p = line();
        p.stage("compiling rules");
        at(4);
        assertEquals("scan: compiling rules [0:04]", p.line());
        p.stage("reading");
        p.planned(800, 512L << 20);
        at(14);
        p.read(128L << 20);
        for (int i = 0; i < 200; i++) p.fileDone();
        // 128 MiB in the 10 s since reading began: 12.8 MiB/s, and 384 MiB to go take 30 s
        assertEquals("scan: reading 200/800 files, 128.0/512.0 MB, 12.8 MB/s, ETA 0:30 [0:14]", p.line());
    }

    @Test
    void afterTheLastFileTheStageAndElapsedTimeAlone() {
        ProgressLine p = line();
        p.planned(2, 100);
        p.read(100);
        p.fileDone();
        p.fileDone();
        p.stage("pivoting");
        at(3725);
        assertEquals("scan: pivoting [1:02:05]", p.line());
    }

    @Test
    void aStageIsDrawnAtOnceNotAtTheNextRedraw() {
        ProgressLine p = line().start();
        at(2);
        p.stage("pivoting");
        // the painter sleeps 250 ms between redraws: the stage is on the terminal before it wakes
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("\rscan: pivoting [0:02]\u001b[K"), err.toString(StandardCharsets.UTF_8));
        p.close();
    }

    @Test
    void aLongLineIsCutKeepingTheElapsedTime() {
        ProgressLine p = line();
        p.stage("writing the case and report of a scan with a stage name long enough to wrap any narrow terminal");
        at(61);
        String l = p.line();
        assertEquals(79, l.length());
        assertTrue(l.endsWith(" [1:01]"), l);
    }

    @Test
    void theFinalLineSaysElapsedTimeAndThroughputAndReplacesTheProgress() {
        ProgressLine p = line();
        at(1);
        p.planned(1, 50L << 20);
        at(2);
        p.read(50L << 20);
        at(6);
        p.fileDone();
        at(9);
        p.finished();
        p.close();
        assertEquals("\r\u001b[Kdwell scan: done in 9.0 s, 1 file, 50.0 MB read in 5.0 s (10.0 MB/s)\n",
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aCommandThatFailedOnlyClearsItsLine() {
        ProgressLine p = line();
        p.close();
        assertEquals("\r\u001b[K", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aNoteGetsALineOfItsOwnWithEvidenceTextMadeInert() {
        ProgressLine p = line();
        p.note("dwell: bad\u001b[31m.evtx: truncated");
        assertEquals("\r\u001b[Kdwell: bad\\x1b[31m.evtx: truncated\n", err.toString(StandardCharsets.UTF_8));
    }
}
