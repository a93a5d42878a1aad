package dwell.format.evtx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A table built along the layouts of earlier events answers as the linked map built by the same calls, whether the
 * event follows a layout to its end, switches to another one part-way, stops early, goes on longer or parts from all.
 */
class FieldTableBuilderTest {
    private static final String[] NAMES = {"EventID", "Image", "CommandLine", "Aa", "BB", "Data1", "Data2", "ProcessID", "x", ""};

    /** One call of a walk: a set (returning what the name had) or a join. */
    private record Step(boolean join, String name) {
    }

    @Test
    void tablesFollowingLayoutsAreTheLinkedMapsOfTheirCalls() {
        Random rnd = new Random(20);
        List<List<Step>> kinds = new ArrayList<>();
        for (int k = 0; k < 6; k++) kinds.add(steps(rnd, 1 + rnd.nextInt(30)));
        FieldLayouts layouts = new FieldLayouts();
        int followed = 0;
        for (int event = 0; event < 5000; event++) {
            List<Step> steps = new ArrayList<>(kinds.get(rnd.nextInt(kinds.size())));
            switch (rnd.nextInt(8)) {
                case 0 -> steps.subList(rnd.nextInt(steps.size() + 1), steps.size()).clear(); // stops early
                case 1 -> steps.addAll(steps(rnd, 1 + rnd.nextInt(4))); // goes on longer
                case 2 -> steps.set(rnd.nextInt(steps.size()), steps(rnd, 1).get(0)); // parts somewhere
                default -> {
                }
            }
            FieldLayout[] known = layouts.recent();
            FieldTableBuilder b = new FieldTableBuilder(known, 1 + rnd.nextInt(8));
            Map<String, String> expected = new LinkedHashMap<>();
            for (Step s : steps) {
                // equal names as other string objects too, as a walk's own names ("Data" + n) are
                String name = rnd.nextBoolean() ? s.name() : new String(s.name());
                String value = Integer.toString(rnd.nextInt(1000));
                if (s.join()) {
                    b.join(name, value);
                    expected.merge(name, value, (old, v) -> old + ", " + v);
                } else {
                    assertEquals(expected.put(name, value), b.set(name, value), "event " + event);
                }
            }
            FieldTable t = b.finish();
            assertEquals(List.copyOf(expected.entrySet()), List.copyOf(t.entrySet()), "event " + event);
            for (String n : NAMES) assertEquals(expected.get(n), t.get(n), "event " + event + " " + n);
            if (Arrays.asList(known).contains(b.layout())) followed++;
            layouts.used(b.layout());
        }
        assertTrue(followed > 2000, followed + " events followed a layout");
    }

    private static List<Step> steps(Random rnd, int n) {
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < n; i++) steps.add(new Step(rnd.nextBoolean(), NAMES[rnd.nextInt(NAMES.length)]));
        return steps;
    }

    @Test
    void theLayoutUsedLastComesFirstAndFewAreKept() {
        FieldLayouts layouts = new FieldLayouts();
        List<FieldLayout> made = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            FieldTableBuilder b = new FieldTableBuilder(new FieldLayout[0], 4);
            b.set("n" + i, "v");
            b.finish();
            made.add(b.layout());
            layouts.used(b.layout());
        }
        assertEquals(8, layouts.recent().length);
        assertEquals(made.get(9), layouts.recent()[0]);
        layouts.used(made.get(5));
        assertEquals(List.of(made.get(5), made.get(9), made.get(8), made.get(7), made.get(6), made.get(4), made.get(3), made.get(2)),
                List.of(layouts.recent()));
    }
}
