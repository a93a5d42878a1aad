package dwell.sigma;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dwell.event.FormatId;
import dwell.event.LogSource;
import dwell.event.MapEvent;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Folding a matcher for one event kind: decided items become constants; a matcher with none comes back itself. */
class SpecializerTest {
    private static Matcher bound(String detection) {
        RuleSet set = new RuleLoader().loadText("t.yml",
                "title: t\nlogsource: {product: windows, service: security}\ndetection:\n" + detection);
        assertEquals(1, set.rules().size(), set.rejected().toString());
        return Binder.bind(set.rules().get(0).detection(), f -> new String[] {f});
    }

    private static Specializer kind(String eventId) {
        return new Specializer(Set.of("EventID"), new MapEvent(null, FormatId.of("evtx"), LogSource.NONE,
                Map.of("EventID", eventId), null, null, null));
    }

    @Test
    void aMatcherWithoutDecidedItemsComesBackItself() {
        // the engine then shares one ordered form of it between all kinds
        Matcher m = bound("  a:\n    CommandLine|contains: whoami\n  b:\n    Image|endswith: cmd.exe\n"
                + "  c:\n    - ParentImage|endswith: x.exe\n    - User: SYSTEM\n  condition: a and not b or c\n");
        assertSame(m, kind("4688").fold(m));
    }

    @Test
    void aDecidedItemFoldsAway() {
        Matcher m = bound("  a:\n    EventID: 4688\n    CommandLine|contains: whoami\n  condition: a\n");
        Matcher kept = kind("4688").fold(m);
        assertNotSame(m, kept);
        assertInstanceOf(Matcher.Field.class, kept, "the event id's test is decided true and dropped");
        assertEquals(new Matcher.Const(false), kind("4624").fold(m), "another event id: the rule cannot match");
    }

    @Test
    void aDecidedItemDeepInsideMakesANewMatcher() {
        Matcher m = bound("  a:\n    CommandLine|contains: whoami\n  b:\n    EventID: 4624\n  condition: a and not b\n");
        Matcher folded = kind("4688").fold(m);
        assertNotSame(m, folded);
        assertInstanceOf(Matcher.Field.class, folded, "not (4688 is 4624) is true: only the command line is left");
    }
}
