package dwell.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The class-data archive's training folder of rules ({@link CdsTraining}): every document loads, a detection, a
 * correlation and a meta filter (a rejection would leave the classes of what it holds out of the archive, silently).
 */
class CdsTrainingRulesTest {
    @Test
    void theTrainingRulesLoadWholly() {
        Path rules = Path.of("src/cds/rules");
        assertTrue(Files.isDirectory(rules), rules.toAbsolutePath().toString());
        PrintStream out = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            assertEquals(0, Main.run(new String[] {"rules", "check", "--no-rule-cache", "--format", "json", rules.toString()}));
        } finally {
            System.setOut(out);
        }
        String json = bytes.toString(StandardCharsets.UTF_8).replaceAll("\\s+", "");
        assertTrue(json.contains("\"rejected\":[]") && json.contains("\"unmapped\":[]"), json);
        assertTrue(json.contains("\"by_kind\":{\"correlation\":1,\"detection\":1,\"filter\":1}"), json);
    }
}
