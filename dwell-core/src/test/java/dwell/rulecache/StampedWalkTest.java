package dwell.rulecache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dwell.Corpora;
import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one-look walk finds what {@link Files#walkFileTree} finds and stamps each file as a second look would. */
class StampedWalkTest {
    /** A clock far enough ahead that every file's stamp is settled. */
    private static final long LATER = TimeUnit.DAYS.toNanos(365L * 1000);

    @TempDir
    Path dir;

    private static boolean isYaml(Path p) {
        return p.getFileName().toString().endsWith(".yml") || p.getFileName().toString().endsWith(".yaml");
    }

    private static RuleFileStamps.Stamp statOf(Path f) throws IOException {
        Map<String, Object> a = Files.readAttributes(f, "unix:size,lastModifiedTime,ctime,dev,ino");
        return new RuleFileStamps.Stamp(f.toString(), (Long) a.get("size"), ((FileTime) a.get("lastModifiedTime")).to(TimeUnit.NANOSECONDS),
                ((FileTime) a.get("ctime")).to(TimeUnit.NANOSECONDS), (Long) a.get("dev"), (Long) a.get("ino"));
    }

    private static List<Path> walkFileTree(Path root) throws IOException {
        List<Path> out = new ArrayList<>();
        Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile() && isYaml(file)) out.add(file);
                return FileVisitResult.CONTINUE;
            }
        });
        out.sort(null);
        return out;
    }

    @Test
    void findsWhatWalkFileTreeFindsSortedAndStampsEachFileAsASecondLookWould() throws IOException {
        Path rules = Files.createDirectories(dir.resolve("rules"));
        Files.writeString(Files.createDirectories(rules.resolve("b/deep")).resolve("z.yaml"), "z");
        Files.writeString(rules.resolve("b/y.yml"), "yy");
        Files.writeString(rules.resolve("a.yml"), "aaa");
        Files.writeString(rules.resolve("notes.txt"), "not a rule");
        Files.createDirectories(rules.resolve("empty"));
        Files.createDirectories(rules.resolve("looks.yml"));
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Files.writeString(elsewhere.resolve("linked.yml"), "linked");
        Files.createSymbolicLink(rules.resolve("c"), elsewhere);
        Files.createSymbolicLink(rules.resolve("gone.yml"), dir.resolve("nothing-here.yml"));
        Path single = Files.writeString(dir.resolve("single.rule"), "named directly");

        StampedWalk walk = new StampedWalk(LATER);
        walk.file(single);
        walk.folder(rules, StampedWalkTest::isYaml);
        List<Path> expected = new ArrayList<>(List.of(single));
        expected.addAll(walkFileTree(rules));
        assertEquals(List.of(single, rules.resolve("a.yml"), rules.resolve("b/deep/z.yaml"), rules.resolve("b/y.yml"),
                rules.resolve("c/linked.yml")), expected, "the tree as walkFileTree sees it");
        assertEquals(expected, walk.files());
        List<RuleFileStamps.Stamp> stamps = new ArrayList<>();
        for (Path f : expected) stamps.add(statOf(f));
        assertEquals(Optional.of(new RuleFileStamps(stamps)), walk.stamps());
    }

    @Test
    void sigmaHqsWindowsRulesGiveTheFilesAndStampsOfTheTwoLookWalk() throws IOException {
        Path rules = Corpora.path("sigma/rules/windows");
        StampedWalk walk = new StampedWalk();
        walk.folder(rules, StampedWalkTest::isYaml);
        List<Path> files = walkFileTree(rules);
        assertTrue(files.size() > 2000, "SigmaHQ's Windows rules: " + files.size());
        assertEquals(files, walk.files());
        Optional<RuleFileStamps> twoLooks = RuleFileStamps.of(files);
        assertTrue(twoLooks.isPresent(), "the corpus is settled");
        assertEquals(twoLooks, walk.stamps());
    }

    @Test
    void aFileChangedJustNowLeavesTheWalkUnstamped() throws IOException {
        Path rules = Files.createDirectories(dir.resolve("rules"));
        Files.writeString(rules.resolve("new.yml"), "just written");
        StampedWalk walk = new StampedWalk();
        walk.folder(rules, StampedWalkTest::isYaml);
        assertEquals(List.of(rules.resolve("new.yml")), walk.files());
        assertEquals(Optional.empty(), walk.stamps());
        StampedWalk later = new StampedWalk(LATER);
        later.folder(rules, StampedWalkTest::isYaml);
        assertTrue(later.stamps().isPresent(), "the same file, settled");
    }

    @Test
    void aLinkBackToAFolderAboveFailsTheWalkAsWalkFileTreeDoes() throws IOException {
        Path rules = Files.createDirectories(dir.resolve("rules/sub"));
        Files.createSymbolicLink(rules.resolve("up"), dir.resolve("rules"));
        assertThrows(FileSystemLoopException.class, () -> walkFileTree(dir.resolve("rules")));
        assertThrows(FileSystemLoopException.class, () -> new StampedWalk(LATER).folder(dir.resolve("rules"), StampedWalkTest::isYaml));
    }
}
