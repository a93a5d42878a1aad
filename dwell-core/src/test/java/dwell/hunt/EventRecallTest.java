package dwell.hunt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dwell.evidence.CatalogLimits;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Events read back by position from many files, archive members among them, as {@link EventRecall#read} gives them. */
class EventRecallTest {
    private static final String HEADER = "#Software: Microsoft Internet Information Services 10.0\n#Version: 1.0\n"
            + "#Fields: date time s-ip cs-method cs-uri-stem c-ip sc-status\n";

    @TempDir
    Path tmp;

    private static String log(int day, int lines) {
        StringBuilder b = new StringBuilder(HEADER);
        for (int i = 0; i < lines; i++) {
            b.append(String.format("2021-03-%02d 10:%02d:00 10.0.0.5 GET /owa/%d 198.51.100.%d 200%n", day, i % 60, i, i % 250));
        }
        return b.toString();
    }

    @Test
    void positionsInManyFilesAndArchiveMembersAreReadBackEachAsItsFileHoldsIt() throws IOException {
        Set<String> items = new HashSet<>();
        for (int day = 1; day <= 12; day++) {
            Path f = tmp.resolve(String.format("u_ex2103%02d.log", day));
            Files.writeString(f, log(day, 40 + day));
            items.add(f.toString());
        }
        Path zip = tmp.resolve("older.zip");
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
            for (int day = 20; day <= 22; day++) {
                z.putNextEntry(new ZipEntry(String.format("W3SVC1/u_ex2102%02d.log", day)));
                z.write(log(day, 30).getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
            }
        }
        items.add(zip + "!/W3SVC1/u_ex210220.log");
        items.add(zip + "!/W3SVC1/u_ex210222.log");
        EventRecall recall = new EventRecall(CatalogLimits.DEFAULT);
        Map<String, Map<String, String>> whole = new HashMap<>();
        recall.read(items, e -> whole.putIfAbsent(EventRecall.key(e.provenance()), new LinkedHashMap<>(e.fields())));
        // every fifth line of each named item, a line past an item's end and an item that is gone: those two are left out
        Set<String> keys = new HashSet<>();
        Map<String, Map<String, String>> expected = new HashMap<>();
        whole.forEach((k, fields) -> {
            if (Long.parseLong(k.split("\0")[1]) % 5 == 0) {
                keys.add(k);
                expected.put(k, fields);
            }
        });
        keys.add(tmp.resolve("u_ex210301.log") + "\0" + 9999 + "\0" + 0);
        keys.add(tmp.resolve("u_ex210399.log") + "\0" + 5 + "\0" + 0);
        assertEquals(true, expected.size() > 100, "positions asked: " + expected.size());
        assertEquals(expected, recall.fields(keys));
        assertEquals(Map.of(), recall.fields(Set.of()));
    }
}
