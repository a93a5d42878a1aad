package dwell.event;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FieldNameCacheTest {
    private final List<String> asked = new ArrayList<>();
    private final FieldNameCache<Integer> cache = new FieldNameCache<>(name -> {
        asked.add(name);
        return name.length() * 10 + name.charAt(0);
    });

    @Test
    void aNameIsLookedUpOnceWhateverStringSpellsIt() {
        assertEquals(4 * 10 + 'c', cache.get("c-ip"));
        assertEquals(4 * 10 + 'c', cache.get("c-ip"));
        assertEquals(4 * 10 + 'c', cache.get(new String("c-ip")), "an equal name from another item's header");
        assertEquals(List.of("c-ip"), asked);
    }

    @Test
    void aNameWhoseSlotIsTakenIsAnsweredByTheLookupEachTime() {
        // "Aa" and "BB" share a hash code, so a slot
        assertEquals("Aa".hashCode(), "BB".hashCode());
        assertEquals(2 * 10 + 'A', cache.get("Aa"));
        assertEquals(2 * 10 + 'B', cache.get("BB"));
        assertEquals(2 * 10 + 'B', cache.get("BB"));
        assertEquals(2 * 10 + 'A', cache.get("Aa"));
        assertEquals(List.of("Aa", "BB", "BB"), asked);
    }

    @Test
    void manyNamesAllAnsweredRight() {
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 5000; i++) assertEquals(("f" + i).length() * 10 + 'f', cache.get("f" + i));
        }
        assertEquals(true, asked.size() < 10_000, "names that kept a slot were not looked up again");
    }
}
