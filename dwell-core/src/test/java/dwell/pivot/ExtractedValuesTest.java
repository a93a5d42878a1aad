package dwell.pivot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class ExtractedValuesTest {
    @Test
    void aTextIsRememberedPerFieldAcrossOtherTextsNotOnlyWhenItRepeatsAtOnce() {
        ExtractedValues x = new ExtractedValues(ExtractedValues.MAX_CHARS);
        x.put(3, "10.1.0.177", new int[] {7});
        x.put(3, "10.1.0.131", new int[] {8});
        x.put(40, "CONTOSO\\user177", new int[] {9, 10});

        assertArrayEquals(new int[] {7}, x.get(3, "10.1.0.177"));
        assertArrayEquals(new int[] {8}, x.get(3, new String("10.1.0.131")));
        assertArrayEquals(new int[] {9, 10}, x.get(40, "CONTOSO\\user177"));
        assertNull(x.get(40, "10.1.0.177"), "another field's text");
        assertNull(x.get(3, "10.1.0.1"));
        assertNull(x.get(1000, "10.1.0.177"), "a field never seen");
    }

    @Test
    void pastItsCharactersItForgetsAllAndHoldsOnlyWhatCameAfter() {
        ExtractedValues x = new ExtractedValues(20);
        x.put(0, "0123456789", new int[] {1});
        x.put(1, "abcdefghij", new int[] {2});
        assertEquals(20, x.chars());
        assertArrayEquals(new int[] {1}, x.get(0, "0123456789"));

        x.put(1, "klm", new int[] {3});

        assertNull(x.get(0, "0123456789"));
        assertNull(x.get(1, "abcdefghij"));
        assertArrayEquals(new int[] {3}, x.get(1, "klm"));
        assertEquals(3, x.chars());
    }
}
