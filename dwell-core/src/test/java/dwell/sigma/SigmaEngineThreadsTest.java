package dwell.sigma;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dwell.event.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;

/** One engine matched from more threads than it keeps scratch slots for: each thread's matches are its own. */
class SigmaEngineThreadsTest {
    @Test
    void threadsSharingScratchSlotsMatchAsOneThreadDoes() throws Exception {
        String whoami = SigmaTesting.rule("sel:\n    CommandLine|contains: 'whoami'\ncondition: sel").replace("id: test-1", "id: whoami");
        String klist = SigmaTesting.rule("sel:\n    EventID: 4688\n    CommandLine|contains: 'klist'\ncondition: sel").replace("id: test-1", "id: klist");
        String mimikatz = SigmaTesting.rule("keywords:\n    - 'mimikatz'\ncondition: keywords").replace("id: test-1", "id: mimikatz");
        RuleSet set = new RuleLoader().loadText("rules.yml", whoami + "---\n" + klist + "---\n" + mimikatz);
        SigmaEngine engine = new SigmaEngine(set.rules(), set.filters(), LogsourceMapping.builtin());
        String[] lines = {"whoami /all", "klist purge", "mimikatz.exe", "whoami; klist", "notepad.exe"};
        List<Event> events = new ArrayList<>();
        for (String id : new String[] {"4688", "4689"}) {
            for (String line : lines) events.add(SigmaTesting.event("EventID", id, "Channel", "Security", "CommandLine", line));
        }
        List<String> expected = matches(engine, events, 1, 0);
        assertEquals(List.of("0 whoami", "1 klist", "2 mimikatz", "3 whoami", "3 klist", "5 whoami", "7 mimikatz", "8 whoami"), expected);
        // 40 threads over 16 slots: threads whose ids share a slot take turns in it while the others match
        int threads = 40;
        CyclicBarrier start = new CyclicBarrier(threads);
        List<Thread> started = new ArrayList<>();
        List<List<String>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            List<String> out = new ArrayList<>();
            results.add(out);
            int offset = t;
            Thread th = new Thread(() -> {
                try {
                    start.await();
                    out.addAll(matches(engine, events, 200, offset));
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
            started.add(th);
            th.start();
        }
        for (Thread th : started) th.join();
        for (List<String> r : results) assertEquals(expected, r);
    }

    /** The matches of the events, each event matched {@code rounds} times (each thread from its own offset), as of the last round. */
    private static List<String> matches(SigmaEngine engine, List<Event> events, int rounds, int offset) {
        List<String> last = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            List<String> out = new ArrayList<>();
            for (int k = 0; k < events.size(); k++) {
                int i = (k + offset + round) % events.size();
                engine.match(events.get(i), (x, r) -> out.add(i + " " + r.id()));
            }
            // by event (a stable sort: an event's matches keep their rule order)
            out.sort(java.util.Comparator.comparingInt(s -> Integer.parseInt(s.substring(0, s.indexOf(' ')))));
            if (round > 0 && !out.equals(last)) return List.of("round " + round + " differs: " + out);
            last = out;
        }
        return last;
    }
}
