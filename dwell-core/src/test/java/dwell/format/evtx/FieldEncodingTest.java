package dwell.format.evtx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dwell.Corpora;
import dwell.text.Utf8Buffer;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@link EvtxEvent#writeFields} writes every field as its table holds it, and encodes each name once for all the
 * events that share a layout of names, not once per event.
 */
class FieldEncodingTest {
    /** Writes {@code name=value;} and counts the names it was asked to encode. */
    private static final class Counting implements FieldEncoder {
        int encoded;

        @Override
        public byte[] name(String name) {
            encoded++;
            return (";" + name + "=").getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public void value(Utf8Buffer out, String value) {
            out.append(String.valueOf(value));
        }
    }

    private static String expected(Map<String, String> fields) {
        StringBuilder sb = new StringBuilder();
        fields.forEach((name, value) -> sb.append(sb.length() == 0 ? "" : ";").append(name).append('=').append(value));
        return sb.toString();
    }

    @Test
    void theFieldsInOrderAndEachNameEncodedOncePerLayout() throws Exception {
        List<EvtxEvent> events = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Corpora.path("evtx-attack-samples"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".evtx")).sorted().limit(60).toList()) {
                new EvtxStream(1).read(f.toString(), new ByteArrayInputStream(Files.readAllBytes(f)), c -> events.addAll(c.events()));
            }
        }
        Counting encoder = new Counting();
        int fields = 0;
        for (EvtxEvent e : events) {
            Utf8Buffer b = new Utf8Buffer(64);
            e.writeFields(b, encoder);
            assertEquals(expected(e.fields()), b.toString(), e.toString());
            fields += e.fields().size();
        }
        // the events of a template mostly share a layout: far fewer encodings than fields written
        assertTrue(encoder.encoded * 4 < fields, encoder.encoded + " names encoded for " + fields + " fields");
        // and written again, nothing is encoded anew
        int before = encoder.encoded;
        for (EvtxEvent e : events) e.writeFields(new Utf8Buffer(64), encoder);
        assertEquals(before, encoder.encoded);
    }

    @Test
    void tablesOfOneLayoutShareTheEncodingsAndAnotherEncoderGetsItsOwn() {
        FieldTable shape = new FieldTable(4);
        shape.add("EventID", "1");
        shape.add("Image", "a.exe");
        new FieldLayout(new String[] {"EventID", "Image"}, new int[] {0, 1}, 2, shape);
        FieldTable other = shape.withValues(new String[] {"2", "b.exe"});
        Counting first = new Counting();
        byte[][] names = shape.encodedNames(first);
        assertSame(names, other.encodedNames(first));
        assertEquals(2, first.encoded);
        Counting second = new Counting();
        assertEquals(";Image=", new String(other.encodedNames(second)[1], StandardCharsets.UTF_8));
        assertEquals(2, second.encoded);
        // a table no layout holds is encoded when asked, every time
        FieldTable own = new FieldTable(2);
        own.add("x", "1");
        own.encodedNames(first);
        own.encodedNames(first);
        assertEquals(4, first.encoded);
    }
}
