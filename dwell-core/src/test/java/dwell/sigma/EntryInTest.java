package dwell.sigma;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The cache entries' reading half: lists come back as the records holding them keep them. */
class EntryInTest {
    @Test
    void listsAreReadIntoWhatRecordsKeepUncopied() {
        for (List<String> texts : List.of(List.<String>of(), List.of("a"), List.of("a", "b"), List.of("a", "b", "a", "c"))) {
            EntryOut out = new EntryOut();
            out.texts(texts);
            List<String> back = new EntryIn(out.bytes()).texts();
            assertEquals(texts, back);
            // List.copyOf (every rule record's constructor) returns such a list itself
            assertSame(back, List.copyOf(back));
            assertThrows(UnsupportedOperationException.class, () -> back.add("x"));
        }
    }
}
