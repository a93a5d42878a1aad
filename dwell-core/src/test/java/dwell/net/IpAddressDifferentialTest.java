package dwell.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dwell.Corpora;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Address and range parsing against Python's {@code ipaddress} module on real values (every {@code cidr} value of
 * the SigmaHQ rules, the C2 addresses and names of signature-base, dwell's own special-purpose ranges) and on
 * generated text: well-formed addresses in every notation and their one-character mutations.
 */
class IpAddressDifferentialTest {
    private static final String MUTATIONS = ":.%/0123456789abcdefgABCDEF []-\u0661\uff11";

    @Test
    void addressesAgreeWithPythonsIpaddress() throws Exception {
        List<String> real = new ArrayList<>();
        for (String v : c2Values()) real.add(v);
        for (String r : rangesOfRules()) real.add(r.substring(0, r.indexOf('/') < 0 ? r.length() : r.indexOf('/')));
        Random rnd = new Random(20210302);
        List<String> generated = new ArrayList<>();
        for (int i = 0; i < 12_000; i++) {
            String s = i % 2 == 0 ? v4Text(rnd) : v6Text(rnd);
            generated.add(i % 3 == 0 ? mutate(s, rnd) : s);
        }
        List<String> all = new ArrayList<>(real);
        all.addAll(generated);
        int accepted = agree('A', all, t -> IpAddress.parse(t).map(IpAddress::toString).orElse("-"));
        long realAddresses = real.stream().filter(s -> IpAddress.parse(s).isPresent()).count();
        assertTrue(realAddresses > 150, "real addresses parsed: " + realAddresses);
        assertTrue(accepted > all.size() / 3 && accepted < all.size() * 0.9, "accepted " + accepted + " of " + all.size());
    }

    @Test
    void rangesAgreeWithPythonsIpaddress() throws Exception {
        List<String> real = rangesOfRules();
        Random rnd = new Random(20190411);
        List<String> generated = new ArrayList<>();
        for (int i = 0; i < 8_000; i++) {
            String a = i % 2 == 0 ? v4Text(rnd) : v6Text(rnd);
            int bits = a.indexOf(':') >= 0 ? 128 : 32;
            int prefix = rnd.nextInt(bits + 12);
            String p = rnd.nextInt(20) == 0 ? "0" + prefix : Integer.toString(prefix);
            String s = a + "/" + p;
            generated.add(i % 4 == 0 ? mutate(s, rnd) : s);
        }
        List<String> all = new ArrayList<>(real);
        all.addAll(generated);
        int accepted = agree('C', all, t -> Cidr.parse(t).map(Cidr::toString).orElse("-"));
        assertTrue(real.size() > 300 && real.stream().allMatch(r -> Cidr.parse(r).isPresent()),
                "every real range parses: " + real.size());
        assertTrue(accepted > all.size() / 3 && accepted < all.size() * 0.95, "accepted " + accepted + " of " + all.size());
    }

    /**
     * Asserts that dwell's answer ({@code ours}: the canonical text, or "-" when refused) is Python's for every
     * text, and returns how many dwell accepted.
     */
    private static int agree(char kind, List<String> texts, Function<String, String> ours) throws Exception {
        List<String> expected = reference(kind, texts);
        List<String> mismatches = new ArrayList<>();
        int accepted = 0;
        for (int i = 0; i < texts.size(); i++) {
            String answer = ours.apply(texts.get(i));
            if (!answer.equals("-")) accepted++;
            if (!answer.equals(expected.get(i))) mismatches.add("'" + texts.get(i) + "': dwell " + answer + ", python " + expected.get(i));
        }
        assertEquals(List.of(), mismatches.subList(0, Math.min(20, mismatches.size())), mismatches.size() + " mismatches");
        return accepted;
    }

    /** A random IPv4 address, now and then with an octet out of range, a leading zero, or an octet too few or many. */
    private static String v4Text(Random rnd) {
        int octets = rnd.nextInt(30) == 0 ? 3 + rnd.nextInt(2) * 2 : 4;
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < octets; i++) {
            if (i > 0) b.append('.');
            int v = rnd.nextInt(40) == 0 ? 256 + rnd.nextInt(800) : rnd.nextInt(4) == 0 ? rnd.nextInt(10) : rnd.nextInt(256);
            if (rnd.nextInt(40) == 0) b.append('0');
            b.append(v);
        }
        return b.toString();
    }

    /**
     * A random IPv6 address (zero groups frequent) in a random notation: groups padded or not, upper or lower case,
     * one run of zeros or none compressed, the last 32 bits as an IPv4 tail, IPv4-mapped, with a zone.
     */
    private static String v6Text(Random rnd) {
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            int k = rnd.nextInt(10);
            g[i] = k < 4 ? 0 : k < 6 ? rnd.nextInt(16) : rnd.nextInt(0x10000);
        }
        if (rnd.nextInt(8) == 0) {
            g = new int[] {0, 0, 0, 0, 0, 0xffff, rnd.nextInt(0x10000), rnd.nextInt(0x10000)};
        }
        boolean tail = rnd.nextInt(6) == 0;
        int groups = tail ? 6 : 8;
        String[] parts = new String[groups];
        boolean upper = rnd.nextInt(5) == 0;
        for (int i = 0; i < groups; i++) {
            String h = Integer.toHexString(g[i]);
            if (rnd.nextInt(4) == 0) h = "0".repeat(4 - h.length()) + h;
            parts[i] = upper ? h.toUpperCase() : h;
        }
        int from = -1;
        int to = -1;
        if (rnd.nextInt(3) > 0) {
            List<int[]> runs = new ArrayList<>();
            for (int i = 0; i < groups; ) {
                if (g[i] != 0) {
                    i++;
                    continue;
                }
                int s = i;
                while (i < groups && g[i] == 0) i++;
                runs.add(new int[] {s, i});
            }
            if (!runs.isEmpty()) {
                int[] r = runs.get(rnd.nextInt(runs.size()));
                from = r[0];
                to = r[0] + 1 + rnd.nextInt(r[1] - r[0]);
            }
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < groups; i++) {
            if (i == from) {
                b.append("::");
                i = to - 1;
                continue;
            }
            if (b.length() > 0 && b.charAt(b.length() - 1) != ':') b.append(':');
            b.append(parts[i]);
        }
        if (tail) {
            if (b.length() > 0 && b.charAt(b.length() - 1) != ':') b.append(':');
            b.append(g[6] >>> 8).append('.').append(g[6] & 255).append('.').append(g[7] >>> 8).append('.').append(g[7] & 255);
        }
        if (rnd.nextInt(12) == 0) b.append('%').append(rnd.nextBoolean() ? "eth0" : Integer.toString(rnd.nextInt(20)));
        return b.toString();
    }

    /** The text with one character deleted, inserted or replaced. */
    private static String mutate(String s, Random rnd) {
        int at = rnd.nextInt(s.length() + 1);
        char c = MUTATIONS.charAt(rnd.nextInt(MUTATIONS.length()));
        return switch (rnd.nextInt(3)) {
            case 0 -> at < s.length() ? s.substring(0, at) + s.substring(at + 1) : s + c;
            case 1 -> s.substring(0, at) + c + s.substring(at);
            default -> at < s.length() ? s.substring(0, at) + c + s.substring(at + 1) : c + s;
        };
    }

    /** Every non-comment line of signature-base's C2 list: addresses and host names. */
    private static List<String> c2Values() throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(Corpora.path("signature-base/iocs/c2-iocs.txt"), StandardCharsets.UTF_8)) {
            String v = line.strip();
            if (!v.isEmpty() && !v.startsWith("#")) out.add(v.split(";")[0]);
        }
        assertTrue(out.size() > 1000, "C2 values read: " + out.size());
        return out;
    }

    /** The values of every {@code |cidr} field of the SigmaHQ rules, and dwell's own special-purpose ranges. */
    private static List<String> rangesOfRules() throws IOException {
        List<String> out = new ArrayList<>();
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        try (Stream<Path> files = Files.walk(Corpora.path("sigma/rules"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yml")).sorted().toList()) {
                String text = Files.readString(f, StandardCharsets.UTF_8);
                if (!text.contains("|cidr")) continue;
                try (MappingIterator<JsonNode> docs = yaml.readerFor(JsonNode.class).readValues(text)) {
                    while (docs.hasNext()) cidrValues(docs.next(), false, out);
                }
            }
        }
        int sigma = out.size();
        assertTrue(sigma > 300, "cidr values in the SigmaHQ rules: " + sigma);
        try (InputStream in = IpAddress.class.getResourceAsStream("/dwell/pivot/addresses.yaml")) {
            cidrValues(yaml.readTree(in), true, out);
        }
        assertTrue(out.size() > sigma + 10, "ranges of addresses.yaml");
        return out;
    }

    private static void cidrValues(JsonNode n, boolean inside, List<String> out) {
        if (n.isTextual() && inside) {
            out.add(n.asText());
        } else if (n.isArray()) {
            n.forEach(e -> cidrValues(e, inside, out));
        } else if (n.isObject()) {
            n.fields().forEachRemaining(e -> cidrValues(e.getValue(), inside || e.getKey().contains("|cidr"), out));
        }
    }

    /** Python's answers, one per text: kind 'A' asks for an address, 'C' for a range. */
    private static List<String> reference(char kind, List<String> texts) throws IOException, InterruptedException {
        Path script = Files.createTempFile("ipaddress-reference", ".py");
        Path in = Files.createTempFile("ipaddress-reference", ".txt");
        Path out = Files.createTempFile("ipaddress-reference", ".out");
        try (InputStream s = IpAddressDifferentialTest.class.getResourceAsStream("ipaddress_reference.py")) {
            Files.write(script, s.readAllBytes());
            StringBuilder b = new StringBuilder();
            HexFormat hex = HexFormat.of();
            for (String t : texts) b.append(kind).append(' ').append(hex.formatHex(t.getBytes(StandardCharsets.UTF_8))).append('\n');
            Files.writeString(in, b, StandardCharsets.US_ASCII);
            Process p = new ProcessBuilder("/usr/bin/python3", script.toString(), in.toString())
                    .redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            if (!p.waitFor(2, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException("python3 hung");
            }
            assertEquals(0, p.exitValue(), "python3 exit status");
            List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
            assertEquals(texts.size(), lines.size(), "one answer per text");
            return lines;
        } finally {
            Files.deleteIfExists(script);
            Files.deleteIfExists(in);
            Files.deleteIfExists(out);
        }
    }
}
