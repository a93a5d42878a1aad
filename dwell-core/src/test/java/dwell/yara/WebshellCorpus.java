package dwell.yara;

import dwell.Corpora;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Builds the differential-test and benchmark corpus: for every web-shell rule, files made of the rule's own
 * strings (plain, wrapped in PHP/ASPX, UTF-16, upper-cased, half of them), text in several encodings, and
 * links to the JDK's own files. Run as a program to build it for bench/yara.sh.
 */
public final class WebshellCorpus {
    /** The web-shell rule files of signature-base the issue names. */
    public static final List<String> RULE_FILES = List.of("thor-webshells.yar", "gen_webshells.yar", "apt_hafnium.yar",
            "cn_pentestset_webshells.yar", "gen_cn_webshells.yar", "apt_laudanum_webshells.yar", "expl_proxyshell.yar",
            "apt_webshell_chinachopper.yar", "gen_webshell_csharp.yar");

    private WebshellCorpus() {
    }

    public static List<Path> ruleFiles() {
        Path dir = Corpora.path("signature-base/yara");
        return RULE_FILES.stream().map(dir::resolve).toList();
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        generate(dir, args.length < 2 || Boolean.parseBoolean(args[1]));
        try (Stream<Path> s = Files.walk(dir)) {
            System.out.println(s.filter(Files::isRegularFile).count() + " files in " + dir);
        }
    }

    /** Writes the corpus into {@code dir} (created); {@code withJdk} adds links to $JAVA_HOME/lib files. */
    public static void generate(Path dir, boolean withJdk) throws IOException, YaraSyntaxError {
        Files.createDirectories(dir.resolve("rules"));
        Files.createDirectories(dir.resolve("text"));
        Random random = new Random(42);
        for (Path f : ruleFiles()) {
            Ast.RuleFile rf = Parser.parseFile(f);
            for (Ast.Rule r : rf.rules()) {
                List<byte[]> parts = new ArrayList<>();
                for (Ast.StringDef s : r.strings()) {
                    byte[] b = sample(s.pattern(), random);
                    if (b != null) parts.add(b);
                }
                if (parts.isEmpty()) continue;
                String base = r.name();
                Path d = dir.resolve("rules");
                byte[] plain = join(parts, "\n", "", "");
                write(d.resolve(base + ".txt"), plain);
                write(d.resolve(base + ".php"), join(parts, " ", "<?php\n", "\n?>\n"));
                write(d.resolve(base + ".aspx"), join(parts, "\r\n", "<%@ Page Language=\"C#\" %>\r\n<script runat=\"server\">\r\n",
                        "\r\n</script>\r\n"));
                write(d.resolve(base + ".u16.txt"), utf16(plain));
                write(d.resolve(base + ".upper.txt"), new String(plain, StandardCharsets.ISO_8859_1)
                        .toUpperCase(Locale.ROOT).getBytes(StandardCharsets.ISO_8859_1));
                write(d.resolve(base + ".half.jsp"), join(parts.subList(0, (parts.size() + 1) / 2), " ", "<%@ page import=\"java.io.*\" %>\n", ""));
            }
        }
        String text = "Grüße aus Zürich - naïve café, déjà vu. Привет, мир! こんにちは世界. eval($_POST['x']); "
                + "<% Response.Write(Request.Form[\"cmd\"]) %> System.Diagnostics.Process.Start(\"cmd.exe\");\n";
        for (Charset cs : List.of(StandardCharsets.UTF_8, StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE,
                StandardCharsets.ISO_8859_1, Charset.forName("windows-1252"), StandardCharsets.UTF_16)) {
            write(dir.resolve("text").resolve("hello." + cs.name()), text.repeat(50).getBytes(cs));
        }
        byte[] noise = new byte[1 << 16];
        random.nextBytes(noise);
        write(dir.resolve("text").resolve("random.bin"), noise);
        write(dir.resolve("text").resolve("empty"), new byte[0]);
        if (withJdk) {
            Path lib = Path.of(System.getProperty("java.home")).resolve("lib");
            Path jdk = dir.resolve("jdk");
            Files.createDirectories(jdk);
            try (Stream<Path> s = Files.list(lib)) {
                for (Path p : s.filter(Files::isRegularFile).toList()) {
                    Path link = jdk.resolve(p.getFileName().toString());
                    if (!Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) Files.createSymbolicLink(link, p.toRealPath());
                }
            }
        }
    }

    private static void write(Path p, byte[] b) {
        try {
            Files.write(p, b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] join(List<byte[]> parts, String sep, String head, String tail) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.writeBytes(head.getBytes(StandardCharsets.ISO_8859_1));
        for (int k = 0; k < parts.size(); k++) {
            if (k > 0) o.writeBytes(sep.getBytes(StandardCharsets.ISO_8859_1));
            o.writeBytes(parts.get(k));
        }
        o.writeBytes(tail.getBytes(StandardCharsets.ISO_8859_1));
        return o.toByteArray();
    }

    private static byte[] utf16(byte[] b) {
        byte[] w = new byte[b.length * 2];
        for (int k = 0; k < b.length; k++) w[2 * k] = b[k];
        return w;
    }

    /** Bytes that a string's pattern likely matches: text as is, hex with wildcards filled, regex literals. */
    static byte[] sample(Ast.Pattern p, Random random) {
        if (p instanceof Ast.Text t) return t.bytes();
        if (p instanceof Ast.Hex h) return hexSample(h.body().replaceAll("\\s", ""));
        return regexSample(((Ast.Regex) p).source());
    }

    private static byte[] hexSample(String body) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        int[] i = {0};
        hexSeq(body, i, o);
        return o.toByteArray();
    }

    private static void hexSeq(String s, int[] i, ByteArrayOutputStream o) {
        while (i[0] < s.length()) {
            char c = s.charAt(i[0]);
            if (c == ')' || c == '|') return;
            if (c == '(') {
                i[0]++;
                hexSeq(s, i, o);
                int depth = 0;
                while (i[0] < s.length()) {
                    char d = s.charAt(i[0]++);
                    if (d == '(') depth++;
                    else if (d == ')') {
                        if (depth == 0) break;
                        depth--;
                    }
                }
            } else if (c == '[') {
                int close = s.indexOf(']', i[0]);
                String j = s.substring(i[0] + 1, close);
                int n = j.startsWith("-") ? 0 : Integer.parseInt(j.split("-")[0]);
                for (int k = 0; k < n; k++) o.write('A');
                i[0] = close + 1;
            } else {
                boolean neg = c == '~';
                if (neg) i[0]++;
                char hi = s.charAt(i[0]);
                char lo = s.charAt(i[0] + 1);
                i[0] += 2;
                int v = ((hi == '?' ? 4 : Character.digit(hi, 16)) << 4) | (lo == '?' ? 1 : Character.digit(lo, 16));
                o.write(neg ? v ^ 0xff : v);
            }
        }
    }

    /** The literal characters of a regex, with classes and repeats replaced by a plausible character. */
    private static byte[] regexSample(String re) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        int depthSkip = 0;
        for (int i = 0; i < re.length(); i++) {
            char c = re.charAt(i);
            if (c == '|' ) {
                // keep only the first alternative of a group: skip to its closing parenthesis
                int depth = 0;
                int k = i;
                for (; k < re.length(); k++) {
                    char d = re.charAt(k);
                    if (d == '\\') k++;
                    else if (d == '(') depth++;
                    else if (d == ')') {
                        if (depth == 0) break;
                        depth--;
                    }
                }
                i = k;
                continue;
            }
            if (c == '\\' && i + 1 < re.length()) {
                char e = re.charAt(++i);
                switch (e) {
                    case 's' -> o.write(' ');
                    case 'd' -> o.write('1');
                    case 'w' -> o.write('a');
                    case 'x' -> {
                        o.write(Integer.parseInt(re.substring(i + 1, i + 3), 16));
                        i += 2;
                    }
                    case 'b', 'B' -> {
                    }
                    case 'n' -> o.write('\n');
                    case 't' -> o.write('\t');
                    case 'r' -> o.write('\r');
                    default -> o.write(e);
                }
            } else if (c == '[') {
                int close = re.indexOf(']', i + 2);
                if (close < 0) return null;
                char first = re.charAt(i + 1) == '^' ? 'q' : re.charAt(i + 1);
                if (first == '\\') first = re.charAt(i + 2) == 's' ? ' ' : re.charAt(i + 2) == 'd' ? '1' : 'a';
                o.write(first);
                i = close;
            } else if (c == '{') {
                int close = re.indexOf('}', i);
                if (close < 0) return null;
                i = close;
            } else if (c == '(' || c == ')' || c == '*' || c == '?' || c == '+' || c == '^' || c == '$') {
                if (c == '(' && i + 2 < re.length() && re.charAt(i + 1) == '?') i += 2;
                depthSkip += 0;
            } else if (c == '.') {
                o.write('x');
            } else {
                o.write(c);
            }
        }
        return o.toByteArray();
    }
}
