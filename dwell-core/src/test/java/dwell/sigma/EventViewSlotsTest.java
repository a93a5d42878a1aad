package dwell.sigma;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dwell.event.Event;
import dwell.event.FieldVisitor;
import dwell.event.FormatId;
import dwell.event.LogSource;
import dwell.event.Provenance;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Field values resolved once per event into slots shared by every rule, and lower-casing remembered per value. */
class EventViewSlotsTest {
    /** An event counting how often each field is asked for. */
    private static final class Counting implements Event {
        final Map<String, String> fields = new LinkedHashMap<>();
        final Map<String, Integer> asked = new HashMap<>();

        Counting(String... kv) {
            for (int i = 0; i + 1 < kv.length; i += 2) fields.put(kv[i], kv[i + 1]);
        }

        @Override public Instant time() { return null; }
        @Override public FormatId format() { return null; }
        @Override public LogSource logSource() { return LogSource.NONE; }
        @Override public String raw() { return null; }
        @Override public Provenance provenance() { return Provenance.record("t", 1); }

        @Override
        public String get(String field) {
            asked.merge(field, 1, Integer::sum);
            return fields.get(field);
        }

        @Override
        public void forEachField(FieldVisitor visitor) {
            fields.forEach(visitor::field);
        }
    }

    @Test
    void aNameHasOneSlotWhereverItIsUsed() {
        assertEquals(FieldSlots.of("CommandLine"), FieldSlots.of(new String("CommandLine")));
        assertTrue(FieldSlots.of("CommandLine") != FieldSlots.of("Image"));
        int[] s = FieldSlots.of(new String[] {"Image", "CommandLine", "Image"});
        assertEquals(s[0], s[2]);
        assertEquals(FieldSlots.of("CommandLine"), s[1]);
    }

    @Test
    void manyRulesOnOneFieldLookItUpOnce() {
        Counting e = new Counting("CommandLine", "whoami /all", "Image", "C:\\w.exe");
        EventView v = new EventView().reset(e);
        Matcher a = field("CommandLine", "*whoami*");
        Matcher b = field("CommandLine", "*/all");
        Matcher c = field("CommandLine", "*net user*");
        assertTrue(a.matches(v));
        assertTrue(b.matches(v));
        assertFalse(c.matches(v));
        assertEquals(1, e.asked.get("CommandLine"));
    }

    @Test
    void aMissingFieldIsRememberedAsMissing() {
        Counting e = new Counting("Image", "x");
        EventView v = new EventView().reset(e);
        int slot = FieldSlots.of("ParentUser");
        assertNull(v.value(slot, "ParentUser"));
        assertNull(v.value(slot, "ParentUser"));
        assertEquals(1, e.asked.get("ParentUser"));
        Matcher absent = new Matcher.Field(new String[] {"ParentUser"}, new ValueTest[0], false, false, Boolean.FALSE);
        assertTrue(absent.matches(v));
        assertEquals(1, e.asked.get("ParentUser"));
    }

    @Test
    void aliasesTakeTheFirstPresentName() {
        String[] names = {"ProcessCommandLine", "CommandLine", "Payload"};
        int[] slots = FieldSlots.of(names);
        assertEquals("b", new EventView().reset(new Counting("CommandLine", "b", "Payload", "c")).get(slots, names));
        assertEquals("a", new EventView().reset(new Counting("Payload", "c", "ProcessCommandLine", "a")).get(slots, names));
        assertEquals("", new EventView().reset(new Counting("ProcessCommandLine", "", "CommandLine", "b")).get(slots, names));
        assertNull(new EventView().reset(new Counting("Other", "b")).get(slots, names));
    }

    @Test
    void nestedAndDuplicateNamesAreFieldNamesLikeAnyOther() {
        // a reader names nested values by their path and joins a repeated name's values: the slot holds what get gives
        Counting e = new Counting("Event.EventData.Data", "one, two", "Event.System.EventID", "1");
        EventView v = new EventView().reset(e);
        assertEquals("one, two", v.value(FieldSlots.of("Event.EventData.Data"), "Event.EventData.Data"));
        assertEquals("1", v.value(FieldSlots.of("Event.System.EventID"), "Event.System.EventID"));
        assertTrue(field("Event.EventData.Data", "*two").matches(v));
    }

    @Test
    void aNewEventNeverSeesThePreviousEventsValues() {
        EventView v = new EventView();
        int slot = FieldSlots.of("Image");
        assertEquals("a", v.reset(new Counting("Image", "a")).value(slot, "Image"));
        assertNull(v.reset(new Counting("Other", "b")).value(slot, "Image"));
        assertEquals("c", v.reset(new Counting("Image", "c")).value(slot, "Image"));
        // many events: the stamps wrap without showing a stale value
        for (int i = 0; i < 10_000; i++) assertEquals("v" + i, v.reset(new Counting("Image", "v" + i)).value(slot, "Image"));
    }

    @Test
    void slotsBeyondTheInitialArraysGrowThem() {
        EventView v = new EventView().reset(new Counting("late", "x"));
        int far = 0;
        for (int i = 0; i < 300; i++) far = FieldSlots.of("EventViewSlotsTest.field" + i);
        assertNull(v.value(far, "EventViewSlotsTest.field299"));
        assertEquals("x", v.value(FieldSlots.of("late"), "late"));
    }

    @Test
    void lowerCasingFollowsTheRootLocaleAndIsRememberedPerValue() {
        EventView v = new EventView().reset(new Counting());
        String turkish = "\u0130STANBUL \u212aELVIN \u017fTRASSE \u00c9T\u00c9";
        String ascii = "C:\\Windows\\SYSTEM32\\CMD.EXE";
        assertEquals(turkish.toLowerCase(Locale.ROOT), v.lower(turkish));
        assertEquals(ascii.toLowerCase(Locale.ROOT), v.lower(ascii));
        // alternating values: the last-value shortcut never answers for another value
        assertEquals(turkish.toLowerCase(Locale.ROOT), v.lower(turkish));
        String equalText = new String(ascii);
        assertEquals(ascii.toLowerCase(Locale.ROOT), v.lower(equalText));
        assertSame(v.lower(ascii), v.lower(ascii));
        v.reset(new Counting());
        String other = "MIXED Case";
        assertEquals("mixed case", v.lower(other));
    }

    @Test
    void moreLowerCasedValuesThanRememberedStillLowerCaseRight() {
        EventView v = new EventView().reset(new Counting());
        List<String> values = new java.util.ArrayList<>();
        for (int i = 0; i < 100; i++) values.add("Value " + i + " \u212a");
        // asked over and over, in order and backwards: what the view forgets it works out again
        for (int round = 0; round < 3; round++) {
            for (String x : values) assertEquals(x.toLowerCase(Locale.ROOT), v.lower(x));
            for (int i = values.size() - 1; i >= 0; i--) assertEquals(values.get(i).toLowerCase(Locale.ROOT), v.lower(values.get(i)));
        }
        String recent = values.get(99);
        assertSame(v.lower(recent), v.lower(recent));
        // a new event forgets the old values: an equal text in a new object is lower-cased anew, equally
        v.reset(new Counting());
        assertEquals("value 0 k", v.lower(new String(values.get(0))));
    }

    private static Matcher field(String name, String pattern) {
        return new Matcher.Field(new String[] {name}, new ValueTest[] {new StringTest(SigmaString.parse(pattern), false)}, false, false, null);
    }
}
