package dwell.format.evtx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OffsetTableTest {
    @Test
    void answersAsAMapOfOffsetsDoesThroughGrowth() {
        OffsetTable<String> table = new OffsetTable<>();
        Map<Integer, String> expected = new HashMap<>();
        Random random = new Random(20);
        for (int i = 0; i < 5000; i++) {
            int offset = random.nextInt(65536);
            String value = "v" + i;
            table.put(offset, value); // a second put of an offset replaces its value
            expected.put(offset, value);
        }
        for (int offset = 0; offset < 65536; offset++) {
            assertEquals(expected.get(offset), table.get(offset), "offset " + offset);
            assertEquals(expected.containsKey(offset), table.containsKey(offset));
        }
    }

    @Test
    void offsetZeroIsAKeyLikeAnyOther() {
        OffsetTable<String> table = new OffsetTable<>();
        assertNull(table.get(0));
        assertFalse(table.containsKey(0));
        table.put(0, "first");
        assertEquals("first", table.get(0));
        assertTrue(table.containsKey(0));
        assertNull(table.get(1));
    }
}
