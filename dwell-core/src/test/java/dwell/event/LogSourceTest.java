package dwell.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/** A logsource hashes, compares and prints as a record's generated methods would, without their bootstrap. */
class LogSourceTest {
    /** What the JVM generates for a record of the same components. */
    private record Generated(String product, String category, String service) {
    }

    private static final List<String> PARTS = java.util.Arrays.asList(null, "", "windows", "process_creation", "security", "Aa", "BB");

    @Test
    void hashesAndComparesAsTheGeneratedRecordMethods() {
        for (String p : PARTS) {
            for (String c : PARTS) {
                for (String s : PARTS) {
                    LogSource a = new LogSource(p, c, s);
                    assertEquals(new Generated(p, c, s).hashCode(), a.hashCode(), a.toString());
                    assertEquals(new Generated(p, c, s).toString().replace("Generated[", "LogSource["), a.toString());
                    for (String p2 : PARTS) {
                        LogSource b = new LogSource(p2, c, s);
                        assertEquals(Objects.equals(p, p2), a.equals(b), a + " " + b);
                        assertEquals(new Generated(p, c, s).equals(new Generated(p2, c, s)), a.equals(b));
                    }
                    assertEquals(a, new LogSource(p, c, s));
                    assertNotEquals(a, new Generated(p, c, s));
                    assertNotEquals(a, null);
                }
            }
        }
        assertNotEquals(new LogSource("a", null, null), new LogSource(null, "a", null));
    }

    /** The rule phase hashes logsources in a fresh JVM: no method of the record may be bootstrapped by ObjectMethods. */
    @Test
    void noMethodIsBootstrappedAtRunTime() throws IOException {
        byte[] classFile;
        try (InputStream in = LogSource.class.getResourceAsStream("LogSource.class")) {
            classFile = in.readAllBytes();
        }
        String constants = new String(classFile, StandardCharsets.ISO_8859_1);
        assertFalse(constants.contains("java/lang/runtime/ObjectMethods"), "a generated equals, hashCode or toString");
        assertFalse(constants.contains("java/lang/invoke/StringConcatFactory"), "a string concatenation");
    }
}
