package dwell.pivot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dwell.event.ForEachOnly;
import dwell.event.FormatId;
import dwell.event.LogSource;
import dwell.event.MapEvent;
import dwell.event.Provenance;
import dwell.hunt.FindingSink;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class KeptEventsTest {
    private static final FindingSink NONE = f -> {
    };

    private static MapEvent event(String item, long line, long record, String... pairs) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) fields.put(pairs[i], pairs[i + 1]);
        return new MapEvent(Instant.EPOCH, FormatId.of("test"), LogSource.NONE, fields, "", new Provenance(item, line, record), null);
    }

    /** A read-back that answers every key it is asked with one field naming the key, and remembers what it was asked. */
    private static Function<Set<String>, Map<String, Map<String, String>>> recall(List<Set<String>> asked) {
        return keys -> {
            asked.add(keys);
            Map<String, Map<String, String>> out = new LinkedHashMap<>();
            for (String k : keys) out.put(k, Map.of("read", k));
            return out;
        };
    }

    @Test
    void keptEventsAnswerFromMemoryInTheirFieldsOrderAndOnlyTheOthersAreReadBack() {
        KeptEvents kept = new KeptEvents(KeptEvents.BUDGET);
        kept.keep(event("a.evtx", 1, 7, "Image", "c:\\x.exe", "User", "bob", "Empty", null));
        kept.keep(event("a.evtx", 2, 7, "User", "alice"));
        String first = Pivot.key("a.evtx", 1, 7);
        String second = Pivot.key("a.evtx", 2, 7);
        String unseen = Pivot.key("b.log", 3, 0);
        List<Set<String>> asked = new ArrayList<>();

        Map<String, Map<String, String>> got = kept.fields(Set.of(first, second, unseen), recall(asked));

        assertEquals(List.of("Image", "User", "Empty"), List.copyOf(got.get(first).keySet()));
        assertEquals("bob", got.get(first).get("User"));
        assertTrue(got.get(first).containsKey("Empty"));
        assertEquals(Map.of("User", "alice"), got.get(second));
        assertEquals(List.of(Set.of(unseen)), asked);
        assertEquals(Map.of("read", unseen), got.get(unseen));
    }

    @Test
    void anEventsFieldsAreKeptByForEachAndFoundByThePositionTheirKeySpells() {
        KeptEvents kept = new KeptEvents(KeptEvents.BUDGET);
        // an archive member's name may hold a NUL: the key's numbers are read from its end
        String member = "a.zip!/odd\0name.evtx";
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("User", "bob");
        fields.put("Image", "c:\\x.exe");
        kept.keep(new MapEvent(Instant.EPOCH, FormatId.of("test"), LogSource.NONE, new ForEachOnly(fields), "",
                new Provenance(member, 12, 34), null));
        List<Set<String>> asked = new ArrayList<>();

        Map<String, Map<String, String>> got = kept.fields(Set.of(Pivot.key(member, 12, 34)), recall(asked));

        assertEquals(List.of(), asked);
        assertEquals(List.of("User", "Image"), List.copyOf(got.get(Pivot.key(member, 12, 34)).keySet()));
        assertEquals(fields, got.get(Pivot.key(member, 12, 34)));
    }

    @Test
    void theIndexHandsOverTheEventsItIndexesAlone() {
        KeptEvents kept = new KeptEvents(KeptEvents.BUDGET);
        try (EventIndex index = new EventIndex(PivotFields.builtin()).keeping(kept)) {
            index.onEvent(event("a.evtx", 1, 1, "EventID", "4624", "Channel", "Security"), NONE);
            index.onEvent(event("a.evtx", 2, 2, "EventID", "4624", "IpAddress", "203.0.113.7"), NONE);
        }
        List<Set<String>> asked = new ArrayList<>();

        Map<String, Map<String, String>> got = kept.fields(Set.of(Pivot.key("a.evtx", 1, 1), Pivot.key("a.evtx", 2, 2)),
                recall(asked));

        assertEquals(List.of(Set.of(Pivot.key("a.evtx", 1, 1))), asked);
        assertEquals(Map.of("EventID", "4624", "IpAddress", "203.0.113.7"), got.get(Pivot.key("a.evtx", 2, 2)));
    }

    @Test
    void pastTheBudgetNothingIsKeptAndEveryKeyIsReadBack() {
        KeptEvents kept = new KeptEvents(1_000);
        kept.keep(event("a.evtx", 1, 1, "User", "bob"));
        kept.keep(event("a.evtx", 2, 2, "CommandLine", "x".repeat(1_000)));
        kept.keep(event("a.evtx", 3, 3, "User", "carol"));
        List<Set<String>> asked = new ArrayList<>();
        Set<String> keys = Set.of(Pivot.key("a.evtx", 1, 1), Pivot.key("a.evtx", 3, 3));

        Map<String, Map<String, String>> got = kept.fields(keys, recall(asked));

        assertEquals(List.of(keys), asked);
        assertEquals(Map.of("read", Pivot.key("a.evtx", 1, 1)), got.get(Pivot.key("a.evtx", 1, 1)));
    }

    @Test
    void aReleasedMemoryReadsEverythingBack() {
        KeptEvents kept = new KeptEvents(KeptEvents.BUDGET);
        kept.keep(event("a.evtx", 1, 1, "User", "bob"));
        kept.release();
        List<Set<String>> asked = new ArrayList<>();
        kept.fields(Set.of(Pivot.key("a.evtx", 1, 1)), recall(asked));
        assertEquals(1, asked.size());
    }
}
