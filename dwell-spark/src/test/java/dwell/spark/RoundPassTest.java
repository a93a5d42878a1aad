package dwell.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dwell.pivot.Kind;
import dwell.pivot.Value;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The values a round's tasks tell each other travel as text and come back as they were, whatever they hold. */
class RoundPassTest {
    @Test
    void valuesOfAnyCharactersComeBackAsTheyWere() {
        Set<Value> values = new LinkedHashSet<>(List.of(new Value(Kind.IP, "203.0.113.1"),
                new Value(Kind.USER_AGENT, "12:34 agent\nwith a line break, 5:x"), new Value(Kind.ACCOUNT, ""),
                new Value(Kind.PATH, "/owa/" + "x".repeat(1234))));
        Set<Value> back = new TreeSet<>();
        RoundPass.decode(RoundPass.encode(values), back);
        assertEquals(new TreeSet<>(values), back);
        RoundPass.decode(RoundPass.encode(Set.of()), back);
        assertEquals(values.size(), back.size());
    }
}
