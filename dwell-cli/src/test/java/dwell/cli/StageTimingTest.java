package dwell.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dwell.evidence.Progress;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StageTimingTest {
    @Test
    void eachStageIsPrintedWhenTheNextStartsAndEveryCallIsPassedOn() {
        List<String> seen = new ArrayList<>();
        Progress next = new Progress() {
            @Override
            public void planned(int files, long bytes) {
                seen.add("planned " + files + " " + bytes);
            }

            @Override
            public void read(long bytes) {
                seen.add("read " + bytes);
            }

            @Override
            public void fileDone() {
                seen.add("done");
            }

            @Override
            public void stage(String name) {
                seen.add("stage " + name);
            }
        };
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        StageTiming t = new StageTiming(next, new PrintStream(err, true, StandardCharsets.UTF_8));
        t.stage("compiling rules");
        t.planned(2, 10);
        t.read(10);
        t.fileDone();
        t.stage("pivoting");
        t.end();
        assertEquals(List.of("stage compiling rules", "planned 2 10", "read 10", "done", "stage pivoting"), seen);
        String[] lines = err.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(3, lines.length);
        assertTrue(lines[0].startsWith("timing: starting "), lines[0]);
        assertTrue(lines[1].startsWith("timing: compiling rules "), lines[1]);
        assertTrue(lines[2].startsWith("timing: pivoting "), lines[2]);
        for (String l : lines) assertTrue(l.matches("timing: .{28} +[0-9.]+ s wall +[0-9.]+ s cpu +[0-9.]+ cores  \\(t= *[0-9.]+ s\\)"), l);
    }

    @Test
    void withoutThePropertyTheProgressIsPassedAsItIs() {
        boolean on = System.getProperty("dwell.scan.timing") != null;
        assertEquals(!on, StageTiming.around(Progress.NONE) == Progress.NONE);
    }
}
