package dwell.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launchers' dwell-java-version: a runtime's version read from its release file through the symbolic links of the
 * java on the PATH, its home remembered so that later runs follow no link, and found anew when the PATH's java is another.
 */
class JavaVersionScriptTest {
    private static final Path SCRIPT = Dwell.root().resolve("dwell-cli/src/dist/bin/dwell-java-version");

    @TempDir
    Path tmp;

    @Test
    void readsTheReleaseFileOfTheJavaOnThePathAndRemembersItsHome() throws Exception {
        Path jdk25 = jdk("jdk-25", "JAVA_VERSION=\"25.0.3\"\nJAVA_RUNTIME_VERSION=\"25.0.3+9-LTS\"\n");
        Path jdk17 = jdk("jdk-17", "IMPLEMENTOR=\"Debian\"\nJAVA_VERSION=\"17.0.15\"\n");
        // /usr/bin/java -> /etc/alternatives/java -> the JDK's, as Debian links it; the second link relative
        Path alternatives = Files.createDirectories(tmp.resolve("etc/alternatives"));
        Path bin = Files.createDirectories(tmp.resolve("usr/bin"));
        Files.createSymbolicLink(alternatives.resolve("java"), Path.of("../../jdk-25/bin/java"));
        Files.createSymbolicLink(bin.resolve("java"), alternatives.resolve("java"));
        Path remembered = tmp.resolve("java-home");
        String withTools = bin + ":/usr/bin:/bin";

        assertEquals("25 25.0.3+9-LTS", version(remembered, "java", withTools));
        assertEquals(tmp.resolve("etc/alternatives/../../jdk-25").toString(), Files.readString(remembered).strip());
        // no readlink on the PATH now: only the remembered home can tell
        assertEquals("25 25.0.3+9-LTS", version(remembered, "java", bin.toString()));

        Files.delete(alternatives.resolve("java"));
        Files.createSymbolicLink(alternatives.resolve("java"), jdk17.resolve("bin/java"));
        assertEquals("17 17.0.15", version(remembered, "java", withTools), "another java on the PATH is found anew");
        assertEquals("17 17.0.15", version(remembered, jdk17.resolve("bin/java").toString(), "/nowhere"), "a path, as JAVA_HOME gives");
    }

    @Test
    void anUnknownRuntimeIsVersionZero() throws Exception {
        Path noRelease = Files.createDirectories(tmp.resolve("bare/bin"));
        Files.writeString(noRelease.resolve("java"), "#!/bin/sh\n");
        noRelease.resolve("java").toFile().setExecutable(true);
        Path old = jdk("jdk-8", "JAVA_VERSION=\"1.8.0_292\"\n");
        Path odd = jdk("jdk-odd", "JAVA_VERSION=\"25\"\nJAVA_RUNTIME_VERSION=\"25 (a/b)\"\n");
        Path remembered = tmp.resolve("java-home");
        assertEquals("0", version(remembered, "java", noRelease.toString()));
        assertEquals("0", version(remembered, "java", tmp.resolve("nowhere").toString()));
        assertEquals("1 1.8.0_292", version(remembered, old.resolve("bin/java").toString(), "/usr/bin:/bin"));
        assertEquals("25 25", version(remembered, odd.resolve("bin/java").toString(), "/usr/bin:/bin"),
                "a version unfit for a file name gives way to JAVA_VERSION");
    }

    private Path jdk(String name, String release) throws IOException {
        Path home = Files.createDirectories(tmp.resolve(name));
        Files.writeString(home.resolve("release"), release);
        Path java = Files.createDirectories(home.resolve("bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\nexit 1\n");
        java.toFile().setExecutable(true);
        return home;
    }

    /** "MAJOR RELEASE" as the script sets them, run by sh with only {@code path} as the PATH. */
    private static String version(Path remembered, String java, String path) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(List.of("/bin/sh", "-c",
                ". \"$1\"; dwell_java_version \"$2\" \"$3\"; echo \"$dwell_java_major $dwell_java_release\"",
                "sh", SCRIPT.toString(), remembered.toString(), java)).redirectErrorStream(true);
        pb.environment().put("PATH", path);
        Process run = pb.start();
        String out = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        run.waitFor(1, TimeUnit.MINUTES);
        return out.strip();
    }
}
