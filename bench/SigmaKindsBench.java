import dwell.event.Event;
import dwell.sigma.LogsourceMapping;
import dwell.sigma.RuleLoader;
import dwell.sigma.RuleSet;
import dwell.sigma.SigmaEngine;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Benchmark (run by bench/sigma-kinds.sh, not a test): what the Sigma engine spends on the event kinds of a scan.
 * The engine is built from the rules, then the EVTX files' events are matched once in file order on one thread, as
 * a scan's reading thread meets them; a call that met a new kind (the engine's group count grew) is that kind's
 * build: its wall and thread CPU time and allocation are summed apart from the other events' matching.
 * Usage: bench/sigma-kinds.sh (compiled with bench/SigmaAbRunner.java, which decodes the events)
 */
public final class SigmaKindsBench {
    public static void main(String[] args) throws Exception {
        RuleSet set = new RuleLoader().load(List.of(Path.of(args[0])));
        List<Event> events = SigmaAbRunner.decode(Path.of(args[1]));
        var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        long e0 = System.nanoTime(), c0 = mx.getCurrentThreadCpuTime(), a0 = mx.getThreadAllocatedBytes(tid);
        SigmaEngine engine = new SigmaEngine(set.rules(), set.filters(), LogsourceMapping.builtin());
        long e1 = System.nanoTime(), c1 = mx.getCurrentThreadCpuTime(), a1 = mx.getThreadAllocatedBytes(tid);
        var groupsField = SigmaEngine.class.getDeclaredField("groups");
        groupsField.setAccessible(true);
        Map<?, ?> groups = (Map<?, ?>) groupsField.get(engine);
        long p0 = System.nanoTime(), q0 = mx.getCurrentThreadCpuTime(), r0 = mx.getThreadAllocatedBytes(tid);
        long kindWall = 0, kindCpu = 0, kindAlloc = 0, restWall = 0, restCpu = 0;
        long[] hits = new long[1];
        List<long[]> kinds = new ArrayList<>();
        for (Event e : events) {
            int before = groups.size();
            long w = System.nanoTime(), c = mx.getCurrentThreadCpuTime(), a = mx.getThreadAllocatedBytes(tid);
            engine.match(e, (i, r) -> hits[0]++);
            long dw = System.nanoTime() - w, dc = mx.getCurrentThreadCpuTime() - c, da = mx.getThreadAllocatedBytes(tid) - a;
            if (groups.size() > before) {
                kindWall += dw;
                kindCpu += dc;
                kindAlloc += da;
                kinds.add(new long[] {dw, da});
            } else {
                restWall += dw;
                restCpu += dc;
            }
        }
        long p1 = System.nanoTime(), q1 = mx.getCurrentThreadCpuTime(), r1 = mx.getThreadAllocatedBytes(tid);
        kinds.sort((x, y) -> Long.compare(y[0], x[0]));
        System.out.printf("engine built: %.3f s wall, %.3f s CPU (this thread), %.1f MB allocated%n",
                (e1 - e0) / 1e9, (c1 - c0) / 1e9, (a1 - a0) / 1e6);
        System.out.printf("%d events, %d kinds: building the kinds %.3f s wall, %.3f s CPU, %.1f MB allocated;"
                        + " matching the other events %.3f s wall, %.3f s CPU; %d rule matches%n", events.size(), kinds.size(),
                kindWall / 1e9, kindCpu / 1e9, kindAlloc / 1e6, restWall / 1e9, restCpu / 1e9, hits[0]);
        System.out.printf("the pass over the events (first meetings included): %.3f s wall, %.3f s CPU, %.1f MB allocated%n",
                (p1 - p0) / 1e9, (q1 - q0) / 1e9, (r1 - r0) / 1e6);
        StringBuilder top = new StringBuilder("slowest kinds (ms wall / MB):");
        for (int i = 0; i < Math.min(8, kinds.size()); i++) {
            top.append(String.format(" %.1f/%.1f", kinds.get(i)[0] / 1e6, kinds.get(i)[1] / 1e6));
        }
        System.out.println(top);
        System.out.printf("load average %.1f%n", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
}
