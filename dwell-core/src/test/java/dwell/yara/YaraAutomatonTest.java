package dwell.yara;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dwell.Corpora;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The atom automaton's compiled tables (byte classes, the transition table with its reporting marks, the entries
 * per state and which states share them) on the atoms of signature-base's web-shell rules' text strings: equal
 * to what the definitions give, computed here from each state's text, and bit for bit what the automaton's own
 * construction gave before it was built on the shared {@link dwell.automaton.PatternTrie}.
 */
class YaraAutomatonTest {
    private static final String[] RULES = {"thor-webshells.yar", "gen_webshells.yar", "apt_hafnium.yar",
            "cn_pentestset_webshells.yar", "gen_cn_webshells.yar", "apt_laudanum_webshells.yar", "expl_proxyshell.yar",
            "apt_webshell_chinachopper.yar", "gen_webshell_csharp.yar"};
    /** The SHA-256 of {@link #tables} for these atoms, from the construction before the shared trie. */
    private static final String TABLES_BEFORE = "9ef56ba4248976eb8d46c265830c5da52ca443dfceaec43457663999b11d110e";

    private record Atoms(List<byte[]> atoms, List<AhoCorasick.Entry> entries) {
    }

    /** The atom dwell chooses for each text string of the rules, in file and string order. */
    private static Atoms atoms() throws IOException {
        Pattern text = Pattern.compile("\\$[A-Za-z0-9_]*\\s*=\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
        List<byte[]> atoms = new ArrayList<>();
        List<AhoCorasick.Entry> entries = new ArrayList<>();
        for (String r : RULES) {
            Matcher m = text.matcher(Files.readString(Corpora.path("signature-base/yara").resolve(r), StandardCharsets.ISO_8859_1));
            while (m.find()) {
                byte[] bytes = unescape(m.group(1));
                if (bytes.length == 0) continue;
                dwell.yara.Atoms.Choice c = dwell.yara.Atoms.forLiteral(bytes);
                for (byte[] a : c.atoms()) {
                    entries.add(new AhoCorasick.Entry(entries.size(), c.minOffset() + a.length - 1, c.maxOffset() + a.length - 1));
                    atoms.add(a);
                }
            }
        }
        return new Atoms(atoms, entries);
    }

    /** YARA's escapes in a text string: \\ \" \n \t \r and \xNN. */
    private static byte[] unescape(String s) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 == s.length()) {
                out.write(c);
                continue;
            }
            char e = s.charAt(++i);
            switch (e) {
                case 'n' -> out.write('\n');
                case 't' -> out.write('\t');
                case 'r' -> out.write('\r');
                case 'x' -> {
                    out.write(Integer.parseInt(s.substring(i + 1, Math.min(i + 3, s.length())), 16));
                    i += 2;
                }
                default -> out.write(e);
            }
        }
        return out.toByteArray();
    }

    @Test
    void tablesMeetTheDefinitions() throws IOException {
        Atoms a = atoms();
        AhoCorasick ac = new AhoCorasick(a.atoms(), a.entries());
        // classes: the bytes atoms use, in byte order from 1; an input byte reads as its ASCII lower case
        boolean[] used = new boolean[256];
        for (byte[] atom : a.atoms()) for (byte b : atom) used[b & 0xff] = true;
        int[] cls = new int[256];
        int k = 1;
        for (int b = 0; b < 256; b++) if (used[b]) cls[b] = k++;
        assertEquals(k, ac.classes());
        for (int b = 0; b < 256; b++) {
            int folded = b >= 'A' && b <= 'Z' ? b + 32 : b;
            assertEquals(cls[folded], ac.classOf(b), "class of byte " + b);
        }
        // states: the atoms' prefixes (as class strings) in order of creation
        Map<String, Integer> state = new LinkedHashMap<>();
        state.put("", 0);
        List<String> atomText = new ArrayList<>();
        for (byte[] atom : a.atoms()) {
            StringBuilder t = new StringBuilder();
            for (byte b : atom) {
                t.append((char) cls[b & 0xff]);
                state.putIfAbsent(t.toString(), state.size());
            }
            atomText.add(t.toString());
        }
        assertEquals(state.size(), ac.states());
        assertTrue(ac.states() > 10_000, "states: " + ac.states());
        Map<String, List<Integer>> atomsOf = new HashMap<>();
        for (int i = 0; i < atomText.size(); i++) atomsOf.computeIfAbsent(atomText.get(i), x -> new ArrayList<>()).add(i);
        List<String> text = new ArrayList<>(state.keySet());
        List<List<Integer>> reported = new ArrayList<>();
        for (String w : text) {
            // the atoms that end where the scan stands: suffixes of the state's text, longest first
            List<Integer> r = new ArrayList<>();
            for (int i = 0; i <= w.length(); i++) r.addAll(atomsOf.getOrDefault(w.substring(i), List.of()));
            reported.add(r);
        }
        for (int s = 0; s < text.size(); s++) {
            String w = text.get(s);
            List<Integer> expected = reported.get(s);
            AhoCorasick.Entry[] entries = ac.entries(s * k);
            assertEquals(expected.size(), entries.length, "entries of state " + s);
            for (int i = 0; i < entries.length; i++) assertSame(a.entries().get(expected.get(i)), entries[i]);
            for (int c = 0; c < k; c++) {
                String next = w + (char) c;
                int i = 0;
                while (!state.containsKey(next.substring(i))) i++;
                int target = state.get(next.substring(i));
                int row = target * k;
                assertEquals(reported.get(target).isEmpty() ? row : ~row, ac.next(s * k, c), "state " + s + " class " + c);
            }
        }
    }

    @Test
    void tablesAreBitForBitThoseOfTheConstructionBeforeTheSharedTrie() throws Exception {
        Atoms a = atoms();
        assertEquals(TABLES_BEFORE, tables(new AhoCorasick(a.atoms(), a.entries()), a.entries()));
    }

    /**
     * A digest of the compiled tables: the classes, every transition, and per state its entries (by number) and
     * the state that first held the same entries array, for states share arrays.
     */
    static String tables(AhoCorasick ac, List<AhoCorasick.Entry> entries) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        Map<AhoCorasick.Entry, Integer> number = new IdentityHashMap<>();
        for (int i = 0; i < entries.size(); i++) number.put(entries.get(i), i);
        int k = ac.classes();
        StringBuilder b = new StringBuilder().append(k).append(';');
        for (int x = 0; x < 256; x++) b.append(ac.classOf(x)).append(',');
        md.update(b.toString().getBytes(StandardCharsets.US_ASCII));
        Map<AhoCorasick.Entry[], Integer> firstHolder = new IdentityHashMap<>();
        for (int s = 0; s < ac.states(); s++) {
            b.setLength(0);
            for (int c = 0; c < k; c++) b.append(ac.next(s * k, c)).append(',');
            AhoCorasick.Entry[] e = ac.entries(s * k);
            Integer first = firstHolder.putIfAbsent(e, s);
            b.append('|').append(first == null ? s : first).append(':');
            for (AhoCorasick.Entry x : e) b.append(number.get(x)).append(',');
            md.update(b.toString().getBytes(StandardCharsets.US_ASCII));
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
