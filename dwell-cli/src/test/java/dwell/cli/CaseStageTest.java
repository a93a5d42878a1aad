package dwell.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rule set's digest a case records is the same whether the warm-up thread or the case stage works it out. */
class CaseStageTest {
    @TempDir
    Path tmp;

    /** The digest as the case's runs table documents it, worked out here from the files themselves. */
    private static String expected(List<Path> sortedFiles, boolean builtin) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        md.update(((builtin ? "builtin " : "") + Main.version()).getBytes(StandardCharsets.UTF_8));
        for (Path f : sortedFiles) {
            md.update(f.toString().getBytes(StandardCharsets.UTF_8));
            md.update(Files.readAllBytes(f));
        }
        return HexFormat.of().formatHex(md.digest());
    }

    @Test
    void theWarmUpsDigestIsTheRuleFilesDigest() throws Exception {
        Path rules = Files.createDirectories(tmp.resolve("rules/sub"));
        Files.writeString(rules.resolve("b.yml"), "title: b\n");
        Files.writeString(tmp.resolve("rules/a.yml"), "title: a\n");
        Path feed = Files.writeString(tmp.resolve("feed.txt"), "1.2.3.4\n");
        List<Path> sources = List.of(tmp.resolve("rules"), feed);
        String want = expected(List.of(feed, tmp.resolve("rules/a.yml"), rules.resolve("b.yml")), true);

        CaseStage warm = new CaseStage();
        Thread t = warm.warmUp(sources, true);
        assertEquals(want, warm.rulesDigest(sources, true));
        CaseStage.join(t);
        assertFalse(t.isAlive());

        CaseStage cold = new CaseStage();
        assertEquals(want, cold.rulesDigest(sources, true), "without a warm-up the stage works it out itself");

        CaseStage noCase = new CaseStage();
        noCase.noCase = true;
        Thread never = noCase.warmUp(sources, false);
        assertFalse(never.isAlive(), "no case, no warm-up");
        assertEquals(expected(List.of(feed, tmp.resolve("rules/a.yml"), rules.resolve("b.yml")), false),
                noCase.rulesDigest(sources, false));
    }
}
