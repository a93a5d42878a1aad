import dwell.rulecache.RuleFileStamps;
import dwell.rulecache.StampedWalk;
import java.lang.management.ManagementFactory;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/**
 * Benchmark (run by bench/stamp-walk.sh, not a test): finding and stamping a rule folder's YAML files in a fresh JVM,
 * as a rule cache hit starts: "two" walks with walkFileTree and stamps each file with a second look (the rule loader
 * before StampedWalk), "one" stamps each from the walk's own look (StampedWalk). Prints wall and thread CPU.
 * Usage: java -cp 'dwell-cli/target/lib/*:CLASSES' StampWalkBench one|two RULES_DIR
 */
public final class StampWalkBench {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[1]);
        var threads = ManagementFactory.getThreadMXBean();
        long wall0 = System.nanoTime();
        long cpu0 = threads.getCurrentThreadCpuTime();
        List<Path> files;
        Optional<RuleFileStamps> stamps;
        if (args[0].equals("one")) {
            StampedWalk walk = new StampedWalk();
            walk.folder(dir, StampWalkBench::isYaml);
            files = walk.files();
            stamps = walk.stamps();
        } else {
            List<Path> found = new ArrayList<>();
            Files.walkFileTree(dir, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile() && isYaml(file)) found.add(file);
                    return FileVisitResult.CONTINUE;
                }
            });
            found.sort(null);
            files = found;
            stamps = RuleFileStamps.of(files);
        }
        long wall1 = System.nanoTime();
        long cpu1 = threads.getCurrentThreadCpuTime();
        System.out.printf("%s: %d files, %s, %.1f ms wall, %.1f ms cpu%n", args[0], files.size(),
                stamps.isPresent() ? "stamped" : "not stamped", (wall1 - wall0) / 1e6, (cpu1 - cpu0) / 1e6);
    }

    private static boolean isYaml(Path p) {
        String n = p.getFileName().toString();
        return n.endsWith(".yml") || n.endsWith(".yaml");
    }
}
