import dwell.event.Event;
import dwell.event.MapEvent;
import dwell.sigma.LogsourceMapping;
import dwell.sigma.RuleLoader;
import dwell.sigma.RuleSet;
import dwell.sigma.SigmaEngine;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Benchmark (run by bench/sigma-cold.sh, not a test): where a cold event's matching time goes. Passes over the EVTX
 * samples' events in memory (thread CPU, median and quartiles per pass), alternated: each event once (cold); its
 * values walked first (what the event's own memory costs); each event and then a fresh copy of it (the copy's
 * memory cold, but the engine's data and the branch history its match leaves warm); each event twice (hot); and
 * the events in order of their kind (the kind's rules and automata stay warm).
 * Usage: java -cp LIB/*:RUNNER_CLASSES bench/SigmaColdSplit.java RULES EVTX PASSES
 */
public final class SigmaColdSplit {
    private static long sink;

    public static void main(String[] a) throws Exception {
        RuleSet set = new RuleLoader().load(List.of(Path.of(a[0])));
        SigmaEngine engine = new SigmaEngine(set.rules(), set.filters(), LogsourceMapping.builtin());
        List<Event> events = SigmaAbRunner.decode(Path.of(a[1]));
        int passes = Integer.parseInt(a[2]);
        List<Event> copies = new ArrayList<>();
        for (Event e : events) {
            Map<String, String> m = new LinkedHashMap<>();
            e.forEachField((k, v) -> m.put(new String(k), v == null ? null : new String(v)));
            copies.add(new MapEvent(null, e.format(), e.logSource(), m, null, null, null));
        }
        List<Event> byKind = new ArrayList<>(events);
        byKind.sort(Comparator.comparing((Event e) -> e.get("Channel") + "|" + e.get("Provider_Name") + "|" + e.get("EventID")));
        String[] names = {"cold (each event once)", "values walked first", "a copy after its original", "twice (hot)", "in order of kind"};
        Runnable[] modes = {
            () -> events.forEach(e -> match(engine, e)),
            () -> events.forEach(e -> {
                walk(e);
                match(engine, e);
            }),
            () -> {
                for (int i = 0; i < events.size(); i++) {
                    match(engine, events.get(i));
                    match(engine, copies.get(i));
                }
            },
            () -> events.forEach(e -> {
                match(engine, e);
                match(engine, e);
            }),
            () -> byKind.forEach(e -> match(engine, e)),
        };
        for (int w = 0; w < 30; w++) for (Runnable m : modes) m.run();
        var mx = ManagementFactory.getThreadMXBean();
        double[][] ms = new double[modes.length][passes];
        for (int p = 0; p < passes; p++) {
            for (int k = 0; k < modes.length; k++) {
                long c0 = mx.getCurrentThreadCpuTime();
                modes[k].run();
                ms[k][p] = (mx.getCurrentThreadCpuTime() - c0) / 1e6;
            }
        }
        for (int k = 0; k < modes.length; k++) {
            double[] s = ms[k].clone();
            Arrays.sort(s);
            System.out.printf("%-28s median %6.1f ms CPU per pass (quartiles %.1f-%.1f)%n", names[k], s[passes / 2], s[passes / 4], s[passes - 1 - passes / 4]);
        }
        System.out.printf("%d events per pass, %d passes; load average %.1f (%d)%n", events.size(), passes,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), sink & 1);
    }

    private static void match(SigmaEngine engine, Event e) {
        engine.match(e, (x, r) -> sink++);
    }

    /** Reads every value's length and a character of each 16, as a scan would touch them. */
    private static void walk(Event e) {
        e.forEachField((n, v) -> {
            if (v != null) for (int i = 0; i < v.length(); i += 16) sink += v.charAt(i);
        });
    }
}
