package dwell.format.evtx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SmallListTest {
    @Test
    void growsAndSetsAsAnArrayListDoes() {
        for (int expected : new int[] {0, 1, 2, 3, 7}) {
            SmallList<String> small = new SmallList<>(expected);
            List<String> reference = new ArrayList<>();
            for (int i = 0; i < 11; i++) {
                small.add("item" + i);
                reference.add("item" + i);
                assertEquals(reference, small);
                assertEquals(reference.get(i / 2), small.set(i / 2, "set" + i)); // set returns what was there
                reference.set(i / 2, "set" + i);
                assertEquals(reference, small);
            }
        }
    }

    @Test
    void refusesIndexesOutsideItsItems() {
        SmallList<String> small = new SmallList<>(4);
        small.add("only");
        assertThrows(IndexOutOfBoundsException.class, () -> small.get(1));
        assertThrows(IndexOutOfBoundsException.class, () -> small.set(2, "x"));
        assertThrows(IndexOutOfBoundsException.class, () -> small.get(-1));
    }
}
