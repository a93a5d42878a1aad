import dwell.event.Event;
import dwell.sigma.*;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Benchmark (run by SPLIT=1 bench/sigma-kinds.sh, not a test): the event kinds' set-up with and without building
 * their prefilter automata. Twelve engines in one JVM over the 277 samples' events; every second one is handed the
 * automata the one before built, so its kinds' CPU time is picking, specializing and indexing their branches alone.
 * Compare the best of the rounds (the first rounds run colder code).
 */
public final class SigmaKindsSplitBench {
    public static void main(String[] args) throws Exception {
        RuleSet set = new RuleLoader().load(List.of(Path.of(args[0])));
        List<Event> events = SigmaAbRunner.decode(Path.of(args[1]));
        var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        var groupsField = SigmaEngine.class.getDeclaredField("groups"); groupsField.setAccessible(true);
        var autoField = SigmaEngine.class.getDeclaredField("automata"); autoField.setAccessible(true);
        Object shared = null;
        for (int round = 0; round < 12; round++) {
            SigmaEngine engine = new SigmaEngine(set.rules(), set.filters(), LogsourceMapping.builtin());
            boolean prebuilt = round % 2 == 1;
            if (prebuilt) autoField.set(engine, shared);
            Map<?, ?> groups = (Map<?, ?>) groupsField.get(engine);
            long kindCpu = 0, kindAlloc = 0;
            for (Event e : events) {
                int before = groups.size();
                long c = mx.getCurrentThreadCpuTime(), a = mx.getThreadAllocatedBytes(tid);
                engine.match(e, (i, r) -> { });
                if (groups.size() > before) { kindCpu += mx.getCurrentThreadCpuTime() - c; kindAlloc += mx.getThreadAllocatedBytes(tid) - a; }
            }
            if (!prebuilt) shared = autoField.get(engine);
            System.out.printf("round %d automata %s: kinds %.3f s CPU, %.1f MB%n", round, prebuilt ? "prebuilt" : "built", kindCpu / 1e9, kindAlloc / 1e6);
        }
    }
}
