package dwell.sigma;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dwell.event.FormatId;
import dwell.event.LogSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** An event kind's branches found through their targets are the ones testing every branch finds, in branch order. */
class BranchIndexTest {
    private static final FormatId EVTX = FormatId.of("evtx");
    private static final FormatId JSON = FormatId.of("json-events");
    private static final LogsourceMapping.Target SECURITY_4688 = new LogsourceMapping.Target("windows", null, "security",
            EVTX, Set.of("4688"), Map.of());
    private static final LogsourceMapping.Target SYSMON_1 = new LogsourceMapping.Target("windows", null, "sysmon",
            null, Set.of("1", "01"), Map.of());
    private static final LogsourceMapping.Target ANY_SECURITY = new LogsourceMapping.Target("windows", null, "security",
            null, Set.of(), Map.of());
    /** Equal to ANY_SECURITY but another object, as a mapping resolving a logsource twice would make. */
    private static final LogsourceMapping.Target ANY_SECURITY_AGAIN = new LogsourceMapping.Target("windows", null,
            "security", null, Set.of(), Map.of());

    private final List<SigmaEngine.Branch> branches = new ArrayList<>();

    private void branch(LogsourceMapping.Target t) {
        branches.add(new SigmaEngine.Branch(branches.size(), t, new Matcher.Const(true)));
    }

    /** What the engine did before the index: every branch tested. */
    private int[] everyBranchTested(LogSource ls, FormatId format, String eventId) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < branches.size(); i++) {
            LogsourceMapping.Target t = branches.get(i).target();
            if (!t.accepts(ls, format)) continue;
            if (!t.eventIds().isEmpty() && (eventId == null || !t.eventIds().contains(eventId.trim()))) continue;
            out.add(i);
        }
        return out.stream().mapToInt(x -> x).toArray();
    }

    @Test
    void findsWhatTestingEveryBranchFinds() {
        List<LogsourceMapping.Target> cycle = List.of(SECURITY_4688, ANY_SECURITY, SYSMON_1, SECURITY_4688, ANY_SECURITY_AGAIN,
                SYSMON_1, SYSMON_1, ANY_SECURITY);
        for (int i = 0; i < 50; i++) branch(cycle.get(i * 7 % cycle.size()));
        BranchIndex index = new BranchIndex(branches);
        LogSource security = new LogSource("windows", null, "security");
        LogSource sysmon = new LogSource("windows", null, "sysmon");
        LogSource other = new LogSource("linux", null, "auth");
        for (LogSource ls : List.of(security, sysmon, other, LogSource.NONE)) {
            for (FormatId f : List.of(EVTX, JSON)) {
                for (String id : new String[] {"4688", " 4688 ", "1", "01", "4624", null}) {
                    assertArrayEquals(everyBranchTested(ls, f, id), index.candidates(ls, f, id), ls + " " + f + " " + id);
                }
            }
        }
    }

    @Test
    void noBranchesNoCandidates() {
        assertArrayEquals(new int[0], new BranchIndex(branches).candidates(LogSource.NONE, EVTX, "1"));
    }
}
