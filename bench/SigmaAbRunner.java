import dwell.event.Event;
import dwell.format.EventSink;
import dwell.format.evtx.EvtxLog;
import dwell.formats.Formats;
import dwell.sigma.LogsourceMapping;
import dwell.sigma.RuleLoader;
import dwell.sigma.RuleSet;
import dwell.sigma.SigmaEngine;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * One build's side of bench/sigma-ab.sh, loaded once per build in its own class loader by SigmaAb.java: the rules
 * and the decoded events of that build, and timed passes of its Sigma engine over them (thread CPU).
 */
public final class SigmaAbRunner {
    private static SigmaEngine engine;
    private static final List<Event> EVENTS = new ArrayList<>();
    private static long sink;

    private SigmaAbRunner() {
    }

    /** Loads the rules and decodes the events; returns the event count and a digest of every match, in order. */
    public static String setup(String rules, String evtx) throws IOException {
        RuleSet set = new RuleLoader().load(List.of(Path.of(rules)));
        engine = new SigmaEngine(set.rules(), set.filters(), LogsourceMapping.builtin());
        EVENTS.addAll(decode(Path.of(evtx)));
        StringBuilder digest = new StringBuilder();
        for (Event e : EVENTS) engine.match(e, (x, r) -> digest.append(x).append(','));
        return EVENTS.size() + " events, digest of the matches " + Integer.toHexString(digest.toString().hashCode());
    }

    /** The events of the EVTX files under a folder, files in name order (also bench/SigmaKindsBench's input). */
    public static List<Event> decode(Path dir) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(p -> p.toString().endsWith(".evtx")).sorted().toList();
        }
        List<Event> out = new ArrayList<>();
        for (Path f : files) {
            try (InputStream in = new BufferedInputStream(Files.newInputStream(f), 1 << 16)) {
                Formats.of(EvtxLog.ID).read(f.toString(), in, new EventSink() {
                    @Override
                    public void event(Event e) {
                        out.add(e);
                    }

                    @Override
                    public void unreadable(long position, String reason) {
                    }
                });
            } catch (IOException broken) {
                // a broken sample counts what it gave
            }
        }
        return out;
    }

    /** Thread CPU nanoseconds of matching every event {@code times} times in a row (1: each event cold, as held in memory). */
    public static long pass(int times) {
        var mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long c0 = mx.getCurrentThreadCpuTime();
        for (Event e : EVENTS) for (int i = 0; i < times; i++) engine.match(e, (x, r) -> sink++);
        return mx.getCurrentThreadCpuTime() - c0;
    }

    public static int events() {
        return EVENTS.size();
    }
}
