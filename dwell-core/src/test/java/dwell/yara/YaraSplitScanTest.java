package dwell.yara;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file's string search split between the threads of a fork-join pool must record exactly what one pass
 * records: every match, including those whose atom or whose match straddles a piece boundary, with the same
 * offsets, lengths and counts, for data read into memory and for mapped data.
 */
class YaraSplitScanTest {
    @TempDir
    Path tmp;

    private static final String RULES = """
            rule literal { strings: $a = "needle" condition: #a >= 2 }
            rule nocase_wide { strings: $a = "Haystack" nocase wide condition: $a }
            rule hex_jump { strings: $h = { 4D 5A [2-40] 50 45 } condition: $h }
            rule regex_var { strings: $r = /\\$[a-z_][a-z0-9_]{0,20}\\s{0,4}\\(\\)/ condition: $r }
            rule offsets { strings: $a = "needle" condition: @a[1] < @a[2] and !a[2] == 6 }
            rule full { strings: $f = "word" fullword condition: #f > 0 }
            rule unanchored { strings: $u = /[0-9]{3}x?/ condition: #u > 2 }
            """;

    /** Random bytes with the strings planted around the piece boundaries of a split into 4 KB pieces. */
    private static byte[] data() {
        Random rnd = new Random(42);
        byte[] d = new byte[64 * 1024 + 123];
        for (int k = 0; k < d.length; k++) d[k] = (byte) (' ' + rnd.nextInt(90));
        List<byte[]> plants = List.of(ascii("needle"), "Haystack".getBytes(StandardCharsets.UTF_16LE),
                ascii("MZ0123456789abcdefPE"), ascii("$do_it  ()"), ascii(" word "), ascii("123x"));
        // one plant across each boundary of the 16 pieces the scanner makes, each time at another alignment
        for (int b = 1; b < 16; b++) {
            byte[] p = plants.get(b % plants.size());
            int boundary = (int) ((long) d.length * b / 16);
            System.arraycopy(p, 0, d, boundary - 1 - (b * 7) % p.length, p.length);
        }
        return d;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static List<String> describe(List<RuleMatch> ms) {
        List<String> out = new ArrayList<>();
        for (RuleMatch m : ms) {
            for (RuleMatch.StringMatch s : m.strings()) out.add(m.rule() + " " + s.identifier() + "@" + s.offset() + "+" + s.length());
            if (m.strings().isEmpty()) out.add(m.rule());
        }
        return out;
    }

    @Test
    void splitScanRecordsWhatOnePassRecords() throws Exception {
        YaraRules rules = new YaraCompiler().addSource(RULES, "split.yar").build();
        Path file = tmp.resolve("data.bin");
        Files.write(file, data());
        List<String> whole = describe(new YaraScanner(rules).scan(file));
        assertTrue(whole.stream().map(s -> s.split(" ")[0]).distinct().count() == 7, "every rule must match: " + whole);
        ForkJoinPool pool = new ForkJoinPool(4);
        try {
            for (long maxInMemory : new long[] {1L << 20, 1024}) {
                List<String> split = pool.submit(() -> describe(new YaraScanner(rules, maxInMemory, 4096).scan(file))).get();
                assertEquals(whole, split, "maxInMemory " + maxInMemory);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void interleavedHalvesFindStringsAcrossTheMiddle() throws Exception {
        // large enough for two interleaved automaton runs over its halves; "needle" (all 6 bytes are its atom)
        // and wide "pin" straddle the middle at every alignment, one alignment per scan
        YaraRules rules = new YaraCompiler().addSource(
                "rule r { strings: $a = \"needle\" $w = \"pin\" wide condition: $a and $w }", "halves.yar").build();
        int size = 300_001;
        int mid = size / 2;
        YaraScanner scanner = new YaraScanner(rules);
        for (int shift = 0; shift <= 6; shift++) {
            for (boolean pinAcross : new boolean[] {false, true}) {
                byte[] d = new byte[size];
                Random rnd = new Random(shift);
                for (int k = 0; k < d.length; k++) d[k] = (byte) ('0' + rnd.nextInt(10));
                long needleAt = pinAcross ? 1000 : mid - shift;
                long pinAt = pinAcross ? mid - shift : 2000;
                System.arraycopy(ascii("needle"), 0, d, (int) needleAt, 6);
                System.arraycopy("pin".getBytes(StandardCharsets.UTF_16LE), 0, d, (int) pinAt, 6);
                System.arraycopy(ascii("needle"), 0, d, size - 6, 6);
                List<RuleMatch> ms = scanner.scan(d);
                assertEquals(1, ms.size(), "shift " + shift);
                List<Long> needles = new ArrayList<>();
                List<Long> pins = new ArrayList<>();
                for (RuleMatch.StringMatch m : ms.get(0).strings()) {
                    (m.identifier().equals("$a") ? needles : pins).add(m.offset());
                }
                assertEquals(List.of(needleAt, (long) size - 6), needles, "shift " + shift);
                assertEquals(List.of(pinAt), pins, "shift " + shift);
            }
        }
    }
}
