import dwell.evidence.CatalogLimits;
import dwell.hunt.Level;
import dwell.rulecache.RuleCache;
import dwell.scan.PivotSettings;
import dwell.scan.RuleSources;
import dwell.scan.ScanOutcome;
import dwell.scan.ScanPipeline;
import dwell.scan.ScanRequest;
import dwell.scan.ScanWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;

/**
 * A scan's "writing the output" stage in one JVM ({@code ScanWriter.write}: findings.jsonl, inventory.json,
 * summary.json, incidents.json), each round's wall and process CPU time (the JIT's included), after the scan of
 * EVIDENCE with the Sigma rules RULES (no built-in packs, no rule cache) in the same JVM. The first round is the one a
 * scan pays, its code cold; later rounds show the work itself. Run it with each tree's jars to compare two trees
 * (bench/output-stage.sh). Usage, from a built tree:
 * java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "dwell-cli/target/dwell-cli.jar:dwell-cli/target/lib/*"
 *   bench/OutputStageBench.java EVIDENCE RULES OUT_FOLDER ROUNDS
 */
public class OutputStageBench {
    public static void main(String[] args) throws Exception {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        RuleCache.install(RuleCache.off());
        RuleSources rules = new RuleSources(List.of(Path.of(args[1])), List.of(), List.of(), List.of(), null, List.of(), 0,
                false, false);
        ScanOutcome o = ScanPipeline.run(new ScanRequest(List.of(Path.of(args[0])), rules, null, null, Level.INFORMATIONAL, 2,
                CatalogLimits.DEFAULT, PivotSettings.defaults()));
        // the scan's own compilations out of the way, as the stage finds them
        Thread.sleep(1000);
        for (int r = 1; r <= Integer.parseInt(args[3]); r++) {
            long w = System.nanoTime();
            long c = os.getProcessCpuTime();
            ScanWriter.write(Path.of(args[2]), o);
            System.out.printf("round %d wall %.3f cpu %.3f%n", r, (System.nanoTime() - w) / 1e9, (os.getProcessCpuTime() - c) / 1e9);
        }
    }
}
