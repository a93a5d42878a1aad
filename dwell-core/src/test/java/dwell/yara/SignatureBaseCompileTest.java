package dwell.yara;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dwell.Corpora;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every rule file of signature-base that {@code yara} compiles must compile in dwell. Files are compiled one by
 * one with the external variables LOKI and THOR define ({@code filename filepath extension filetype owner});
 * {@code yara} is asked only about the files dwell rejects, and each must be one yara rejects too.
 */
class SignatureBaseCompileTest {
    static final Map<String, String> EXTERNALS = Map.of("filename", "x", "filepath", "x", "extension", "x",
            "filetype", "x", "owner", "x");

    @Test
    void everyFileYaraCompilesCompilesInDwell() throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.list(Corpora.path("signature-base/yara"))) {
            files = s.filter(p -> p.toString().endsWith(".yar") || p.toString().endsWith(".yara")).sorted().toList();
        }
        List<String> exceptions = new ArrayList<>();
        int compiled = 0;
        for (Path f : files) {
            try {
                YaraRules.compile(List.of(f), EXTERNALS);
                compiled++;
            } catch (YaraCompileException e) {
                if (yaraCompiles(f)) exceptions.add(f.getFileName() + ": " + e.getMessage());
            }
        }
        System.out.println("signature-base: " + compiled + " of " + files.size() + " rule files compile in dwell; "
                + exceptions.size() + " that yara compiles do not: " + exceptions);
        assertTrue(files.size() > 700, "signature-base looks incomplete: " + files.size() + " files");
        assertEquals(List.of(), exceptions);
    }

    private static boolean yaraCompiles(Path f) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("yara", "-w"));
        EXTERNALS.forEach((k, v) -> cmd.addAll(List.of("-d", k + "=" + v)));
        cmd.addAll(List.of(f.toString(), "/dev/null"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(2, TimeUnit.MINUTES)) throw new IllegalStateException("yara hangs on " + f);
        return p.exitValue() == 0;
    }
}
