package dwell.cli;

import dwell.text.Json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** dwell yara scan end to end: output like the yara tool, JSON with strings, errors that do not stop the scan. */
class YaraCommandIT {
    @TempDir
    Path tmp;

    private static final String RULES = """
            rule eval_post : webshell { meta: author = "test" description = "eval of POST" score = 80
              strings: $e = "eval($_POST" nocase condition: $e }
            rule big_file { condition: filesize > 100 }
            rule needs_define { condition: marker == "on" }
            """;

    @Test
    void printsRulePathLinesLikeYara() throws Exception {
        Path rules = Files.writeString(tmp.resolve("r.yar"), RULES);
        Path dir = Files.createDirectories(tmp.resolve("www/sub"));
        Path shell = Files.writeString(dir.resolve("shell.php"), "<?php EVAL($_POST['x']); ?>");
        Files.writeString(tmp.resolve("www/index.html"), "<html>hello</html>");
        Files.createSymbolicLink(tmp.resolve("www/broken.php"), tmp.resolve("missing"));
        Dwell.Result r = Dwell.run("yara", "scan", "--rules", rules.toString(), "-d", "marker=on",
                tmp.resolve("www").toString());
        assertEquals(0, r.exit(), r.err());
        List<String> lines = r.out().lines().sorted().toList();
        String index = tmp.resolve("www/index.html").toString();
        assertEquals(List.of("eval_post " + shell, "needs_define " + index, "needs_define " + shell), lines, r.err());
        assertTrue(r.err().contains("error: " + tmp.resolve("www/broken.php")), r.err());
        Dwell.Result y = runYara(rules, tmp.resolve("www"));
        assertEquals(y.out().lines().sorted().toList(), lines);
    }

    @Test
    void largeFileSplitBetweenThreadsGivesYarasMatches() throws Exception {
        // 9 MB: the scan splits its string search in two pieces; the strings straddle the middle, and the atom of
        // short_atom (its whole 7 bytes) starts before the middle and ends after it
        byte[] data = new byte[9 << 20];
        java.util.Arrays.fill(data, (byte) 'a');
        int middle = data.length / 2;
        byte[] shell = "<?php EVAL($_POST['x']); ?>".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        System.arraycopy(shell, 0, data, middle - 10, shell.length);
        Path big = Files.write(tmp.resolve("big.bin"), data, java.nio.file.StandardOpenOption.CREATE_NEW,
                java.nio.file.StandardOpenOption.WRITE);
        Path rules = Files.writeString(tmp.resolve("r.yar"), RULES + """
                rule short_atom { strings: $s = "VAL($_P" condition: $s }
                rule straddle { strings: $r = /EVAL\\(\\$_[A-Z]{4}\\[/ $h = { 3C 3F 70 68 70 [1-8] 45 56 } condition: $r and $h }
                """);
        Dwell.Result r = Dwell.run("yara", "scan", "--threads", "2", "--rules", rules.toString(), "-d", "marker=on",
                big.toString());
        assertEquals(0, r.exit(), r.err());
        List<String> lines = r.out().lines().sorted().toList();
        assertEquals(List.of("big_file " + big, "eval_post " + big, "needs_define " + big, "short_atom " + big,
                "straddle " + big), lines);
        assertEquals(runYara(rules, big).out().lines().sorted().toList(), lines);
    }

    @Test
    void launcherKeepsAClassDataArchiveOfItsBuild() throws Exception {
        Path rules = Files.writeString(tmp.resolve("r.yar"), RULES);
        assertEquals(0, Dwell.run("yara", "scan", "--rules", rules.toString(), "-d", "marker=on", tmp.toString()).exit());
        Path jsa = Dwell.root().resolve("dwell-cli/target/dwell.jsa");
        Path jar = Dwell.root().resolve("dwell-cli/target/dwell-cli.jar");
        assertTrue(Files.isRegularFile(jsa), "the launcher makes " + jsa + " after a build");
        assertTrue(Files.getLastModifiedTime(jsa).compareTo(Files.getLastModifiedTime(jar)) >= 0,
                "the archive is made from the current jar");
    }

    private static Dwell.Result runYara(Path rules, Path dir) throws Exception {
        Process p = new ProcessBuilder("yara", "-r", "-d", "marker=on", rules.toString(), dir.toString())
                .redirectErrorStream(false).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return new Dwell.Result(p.exitValue(), out, "");
    }

    @Test
    void jsonHasMatchedStrings() throws Exception {
        Path rules = Files.writeString(tmp.resolve("r.yar"), RULES);
        Path shell = Files.writeString(tmp.resolve("shell.php"), "<?php eval($_POST['x']); ?>");
        Dwell.Result r = Dwell.run("yara", "scan", "--format", "json", "--rules", rules.toString(), "-d", "marker=off",
                shell.toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode root = Json.MAPPER.readTree(r.out());
        JsonNode m = root.get("matches").get(0);
        assertEquals("eval_post", m.get("rule").asText());
        assertEquals("webshell", m.get("tags").get(0).asText());
        assertEquals("test", m.get("meta").get("author").asText());
        JsonNode s = m.get("strings").get(0);
        assertEquals("$e", s.get("identifier").asText());
        assertEquals(6, s.get("offset").asLong());
        assertEquals("eval($_POST", s.get("data").asText());
        assertEquals(1, root.get("matches").size());
    }

    @Test
    void syntaxErrorsGiveFileLineColumnAndExit2() throws Exception {
        Path bad = Files.writeString(tmp.resolve("bad.yar"), "rule a {\n  condition:\n    $nope\n}\n");
        Dwell.Result r = Dwell.run("yara", "scan", "--rules", bad.toString(), tmp.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains(bad + ":3:5: undefined string identifier \"$nope\""), r.err());
    }

    @Test
    void saysWhichRulesUnimplementedModulesAffect() throws Exception {
        Path rules = Files.writeString(tmp.resolve("pe.yar"), "import \"pe\"\nrule dll { condition: pe.is_dll() }\n"
                + "rule plain { condition: true }\n");
        Path f = Files.writeString(tmp.resolve("f.bin"), "MZ");
        Dwell.Result r = Dwell.run("yara", "scan", "--rules", rules.toString(), f.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals(List.of("plain " + f), r.out().lines().toList());
        assertTrue(r.err().contains("module \"pe\" is not implemented") && r.err().contains("1 rule(s): dll"), r.err());
    }

    /**
     * A run on a compiled-rule cache hit with nothing to scan starts none of the JDK's machinery it used to start for
     * a handful of calls, each several milliseconds of a run that should cost little more than the JVM's start: lambdas
     * (the method-handle machinery, classes spun with ASM), the security providers (a MessageDigest), regular
     * expressions, a file channel (the network library), streams, a jar opened to read a resource. And every class
     * it loads comes from the class-data archive the launcher trains (unless DWELL_CDS=0 turned it off).
     */
    @Test
    void aCacheHitWithNothingToScanStartsNoneOfTheHeavyMachinery() throws Exception {
        Path yara = Dwell.corpus("signature-base/yara");
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Map<String, String> env = Map.of("DWELL_CACHE_DIR", tmp.resolve("cache").toString());
        String[] scan = {"yara", "scan", "--rules", yara.resolve("gen_webshells.yar").toString(),
            "--rules", yara.resolve("thor-webshells.yar").toString(), empty.toString()};
        Dwell.Result first = Dwell.run(env, scan);
        assertEquals(0, first.exit(), first.err());
        Path log = tmp.resolve("classes.log");
        Dwell.Result hit = Dwell.run(Map.of("DWELL_CACHE_DIR", tmp.resolve("cache").toString(),
                "DWELL_JAVA_OPTS", "-Xmx4g -Xlog:class+load:file=" + log), scan);
        assertEquals(0, hit.exit(), hit.err());
        assertEquals(first.err(), hit.err(), "the same warnings, from the cache");
        List<String> loaded = Files.readAllLines(log);
        assertTrue(loaded.size() > 300, "a class-loading log: " + loaded.size());
        for (String heavy : List.of("java.lang.invoke.LambdaMetafactory", "java.security.MessageDigest",
                "java.util.regex.Pattern", "sun.nio.ch.FileChannelImpl", "java.util.stream.ReferencePipeline",
                "java.util.zip.ZipFile$Source")) {
            assertFalse(loaded.stream().anyMatch(l -> l.contains(" " + heavy + " ")), heavy + " was loaded");
        }
        if (!"0".equals(System.getenv("DWELL_CDS"))) {
            List<String> outside = loaded.stream().filter(l -> !l.contains("source: shared objects file")).toList();
            assertEquals(List.of(), outside, "classes the archive does not hold");
        }
    }
}
