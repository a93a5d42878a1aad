package dwell.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** The Java 25 runtime the launcher tests run dwell with besides the build's Java 17 (installed on CI too). */
final class Java25 {
    private Java25() {
    }

    /** Its home: DWELL_IT_JAVA25 or Temurin's package folder; a test fails, never skips, when it is absent. */
    static Path home() {
        String named = System.getenv("DWELL_IT_JAVA25");
        Path home = Path.of(named != null && !named.isEmpty() ? named : "/usr/lib/jvm/temurin-25-jdk-amd64");
        assertTrue(Files.isExecutable(home.resolve("bin/java")), "the launcher tests need a Java 25 runtime at " + home
                + " (install Temurin 25 there or name its home in DWELL_IT_JAVA25)");
        return home;
    }

    /** A PATH that finds its java first. */
    static String path() {
        return home().resolve("bin") + ":" + System.getenv("PATH");
    }
}
