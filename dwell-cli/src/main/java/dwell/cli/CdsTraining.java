package dwell.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The launcher's class-data-sharing training run: the commands users time most, run once each in this one JVM over
 * the small files of {@code dwell-cli/src/cds}, so the archive made at its exit holds the classes of all of them (a
 * dynamic archive records one JVM; trained on {@code yara scan} alone, a Sigma scan loaded half its classes from jars).
 */
public final class CdsTraining {
    private CdsTraining() {
    }

    /** Runs the training commands over the folder {@code args[0]}; exits 1 when one of them fails. */
    public static void main(String[] args) throws IOException {
        // what Main.main sets up before any command, so that its classes are in the archive too
        Main.prepare(false);
        Path dir = Path.of(args[0]);
        Path out = Files.createTempDirectory("dwell-cds");
        String yar = dir.resolve("train.yar").toString();
        String yml = dir.resolve("train.yml").toString();
        Path carved = out.resolve("carved.evtx");
        TrainingLog.write(dir.resolve("train.evtx"), carved);
        List<String[]> runs = List.of(
                new String[] {"yara", "scan", "--rules", yar, dir.toString()},
                new String[] {"rules", "check", "--no-rule-cache", yml},
                new String[] {"evtx", "dump", "--format", "jsonl", dir.resolve("train.evtx").toString()},
                // both formats, as `bench/evtx.sh` times them: XML here, carving and the parsing pool too
                new String[] {"evtx", "dump", "--format", "xml", "--threads", "2", carved.toString()},
                new String[] {"scan", dir.toString(), "--rules", yml, "--yara", yar, "--out", out.resolve("scan").toString(),
                    "--no-rule-cache"});
        int status = 0;
        // the rule caches' writing and reading (YARA's and Sigma's), in a folder of the training's own (runs leave the user's alone)
        try {
            for (int k = 0; k < 2; k++) {
                // a scanner decodes a cached rule set (a hit is decoded only when something is scanned)
                new dwell.yara.YaraScanner(dwell.yara.YaraRules.compile(List.of(Path.of(yar)), java.util.Map.of(),
                        dwell.rulecache.RuleCache.in(out.resolve("cache"), "cds-training", note -> { })));
            }
            for (int k = 0; k < 2; k++) {
                dwell.rulecache.RuleCache cache = dwell.rulecache.RuleCache.in(out.resolve("cache"), "cds-training", note -> { });
                new dwell.sigma.RuleLoader(dwell.sigma.Placeholders.none(), cache).load(List.of(Path.of(yml)));
                // a folder as users give one (walked, its key begun on a second thread), holding every kind of test,
                // compiled into the engine: a hit of a real rule set then loads its classes and lambdas from the archive
                dwell.sigma.RuleSet kinds = new dwell.sigma.RuleLoader(dwell.sigma.Placeholders.none(), cache)
                        .load(List.of(dir.resolve("rules")));
                new dwell.sigma.SigmaEngine(kinds.rules(), kinds.filters(),
                        dwell.sigma.LogsourceMapping.load(List.of(), cache));
                dwell.sigma.Placeholders.load(List.of(), cache);
            }
        } catch (dwell.yara.YaraCompileException e) {
            System.out.println("training rules do not compile: " + e.getMessage());
            status = 1;
        }
        // NSS's digests, which a walk of 8 MB or more hashes with: their provider's classes (106) then map from the archive
        dwell.evidence.ItemDigests.forEvidence(dwell.evidence.ItemDigests.NATIVE_FROM).create().digest();
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream(), true));
        try {
            for (String[] run : runs) {
                int s = Main.run(run);
                if (s != 0) {
                    stdout.println("training run failed (" + s + "): " + String.join(" ", run));
                    status = 1;
                }
            }
        } finally {
            System.setOut(stdout);
            try (Stream<Path> s = Files.walk(out)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            }
        }
        System.exit(status);
    }
}
