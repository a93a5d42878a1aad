package dwell.format.evtx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The flat field table answers as the linked map it replaced, built by the same calls. */
class FieldTableTest {
    @Test
    void missingDuplicateAndReplacedFields() {
        FieldTable t = new FieldTable(2);
        assertNull(t.set("EventID", "4688"));
        t.join("Data1", "a");
        t.join("Data1", "b");
        assertEquals("4688", t.set("EventID", "1"));
        t.join("Bénéfice", "é");
        assertEquals("1", t.get("EventID"));
        assertEquals("a, b", t.get("Data1"));
        assertEquals("é", t.get("Bénéfice"));
        assertNull(t.get("eventid"));
        assertNull(t.get(42));
        assertFalse(t.containsKey("Missing"));
        assertTrue(t.containsKey("Data1"));
        assertEquals(List.of("EventID", "Data1", "Bénéfice"), new ArrayList<>(t.keySet()));
        assertEquals("{EventID=1, Data1=a, b, Bénéfice=é}", t.toString());
    }

    @Test
    void namesOfOneHashStayApart() {
        FieldTable t = new FieldTable(4);
        // "Aa" and "BB" share String.hashCode
        t.set("Aa", "1");
        t.set("BB", "2");
        t.join("AaAa", "3");
        t.join("BBBB", "4");
        t.join("AaBB", "5");
        assertEquals("1", t.get("Aa"));
        assertEquals("2", t.get("BB"));
        assertEquals("3", t.get("AaAa"));
        assertEquals("4", t.get("BBBB"));
        assertEquals("5", t.get("AaBB"));
        assertNull(t.get("BBAa"));
    }

    @Test
    void actsAsTheLinkedMapOnRandomCalls() {
        Random rnd = new Random(20);
        String[] names = {"EventID", "Image", "CommandLine", "Aa", "BB", "Data1", "Data2", "Ünïcode", "名前", "", "System_ProcessID",
                "ProcessID", "Threat Name", "x"};
        for (int round = 0; round < 500; round++) {
            FieldTable t = new FieldTable(1 + rnd.nextInt(40));
            Map<String, String> m = new LinkedHashMap<>();
            int calls = rnd.nextInt(120);
            for (int i = 0; i < calls; i++) {
                String name = rnd.nextInt(4) == 0 ? "n" + rnd.nextInt(90) : names[rnd.nextInt(names.length)];
                String value = Integer.toString(rnd.nextInt(1000));
                if (rnd.nextBoolean()) {
                    assertEquals(m.put(name, value), t.set(name, value));
                } else {
                    m.merge(name, value, (a, b) -> a + ", " + b);
                    t.join(name, value);
                }
            }
            assertEquals(m, t);
            assertEquals(t, m);
            assertEquals(m.hashCode(), t.hashCode());
            assertEquals(new ArrayList<>(m.entrySet()), new ArrayList<>(t.entrySet()));
            List<String> walked = new ArrayList<>();
            t.forEach((n, v) -> walked.add(n + "=" + v));
            List<String> expected = new ArrayList<>();
            m.forEach((n, v) -> expected.add(n + "=" + v));
            assertEquals(expected, walked);
            String[] room = new String[m.size() + rnd.nextInt(3)];
            assertEquals(m.size(), t.copyValues(room));
            assertEquals(new ArrayList<>(m.values()), java.util.Arrays.asList(room).subList(0, m.size()));
            if (!m.isEmpty()) {
                // no room: nothing copied, the count asked for
                String[] small = new String[m.size() - 1];
                assertEquals(m.size(), t.copyValues(small));
                assertTrue(java.util.Arrays.stream(small).allMatch(java.util.Objects::isNull));
            }
            for (String n : names) assertEquals(m.get(n), t.get(n), n);
            for (int i = 0; i < 90; i++) assertEquals(m.get("n" + i), t.get("n" + i));
        }
    }

    /** Findings carry the table as their event: it travels serialized (shared hunts, Spark) as an equal linked map. */
    @Test
    void travelsAsALinkedMap() throws Exception {
        FieldTable t = new FieldTable(2);
        t.set("EventID", "1");
        t.join("CommandLine", "a");
        t.join("CommandLine", "b");
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(t);
        }
        Object back;
        try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            back = in.readObject();
        }
        assertEquals(LinkedHashMap.class, back.getClass());
        assertEquals(t, back);
        assertEquals(List.of("EventID", "CommandLine"), new ArrayList<>(((Map<?, ?>) back).keySet()));
    }
}
