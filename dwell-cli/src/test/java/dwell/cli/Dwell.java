package dwell.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs ./dwell from the repository root for end-to-end tests, capturing exit status and output. */
public final class Dwell {
    /** What a run of ./dwell gave. */
    public record Result(int exit, String out, String err) {
    }

    private Dwell() {
    }

    public static Path root() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !(Files.isRegularFile(p.resolve("dwell")) && Files.isRegularFile(p.resolve("pom.xml")))) {
            p = p.getParent();
        }
        if (p == null) throw new IllegalStateException("not inside the dwell repository");
        return p;
    }

    /** {@code ../shared/corpora/<sub>}, which must exist. */
    public static Path corpus(String sub) {
        Path c = root().resolveSibling("shared").resolve("corpora").resolve(sub);
        if (!Files.exists(c)) throw new IllegalStateException("test corpus missing: " + c);
        return c;
    }

    public static Result run(String... args) throws IOException, InterruptedException {
        return run(Map.of(), args);
    }

    /** Runs with extra environment variables, e.g. {@code DWELL_JAVA_OPTS} for a small heap. */
    public static Result run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(root().resolve("dwell").toString());
        cmd.addAll(List.of(args));
        return exec(cmd, env);
    }

    /** Runs any command from the repository root (a script under tools/, a java line), as {@link #run} runs ./dwell. */
    public static Result exec(List<String> cmd, Map<String, String> env) throws IOException, InterruptedException {
        Path out = Files.createTempFile("dwell-out", ".txt");
        Path err = Files.createTempFile("dwell-err", ".txt");
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(root().toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            // the runs' rule cache lives in the build folder, not the user's: the suite exercises it, cached and not
            pb.environment().put("DWELL_CACHE_DIR", root().resolve("dwell-cli/target/it-rule-cache").toString());
            pb.environment().putAll(env);
            Process p = pb.start();
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException("dwell did not finish: " + cmd);
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
