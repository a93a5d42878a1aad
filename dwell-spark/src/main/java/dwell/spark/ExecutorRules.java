package dwell.spark;

import dwell.hunt.Detector;
import dwell.scan.RuleSources;
import dwell.scan.ScanPipeline;
import dwell.spark.fs.MemoryFiles;
import java.nio.file.Path;
import java.util.List;

/**
 * The item-local detectors an executor JVM compiled from the rule files the driver broadcast, once per application
 * and rule set: the detectors are thread-safe and the tasks running side by side in the JVM share them. What a task
 * reports from them (findings, YARA's unscanned items) is merged by item on the driver, so sharing them within a scan
 * changes no output; a later scan in the same JVM (local[N] runs the tasks in the driver's) compiles afresh, as the
 * detectors keep what they saw.
 */
final class ExecutorRules {
    private static Compiled last;

    private ExecutorRules() {
    }

    static synchronized List<Detector> detectors(String application, ShareSpec spec, RuleFiles rules) {
        String key = application + '\0' + rules.digest();
        if (last == null || !last.key().equals(key)) last = new Compiled(key, compile(spec, rules));
        return last.detectors();
    }

    private record Compiled(String key, List<Detector> detectors) {
    }

    /** The core's own compilation, reading the rule files from memory under the names the driver read them by. */
    private static List<Detector> compile(ShareSpec spec, RuleFiles rules) {
        MemoryFiles files = new MemoryFiles(rules.files());
        List<Path> iocs = spec.iocs().stream().map(files::path).toList();
        List<Path> yara = spec.yara().stream().map(files::path).toList();
        Path fields = spec.iocFields() == null ? null : files.path(spec.iocFields());
        return ScanPipeline.itemLocalDetectors(new RuleSources(List.of(), List.of(), List.of(), iocs, fields, yara,
                spec.yaraTimeout(), false, false));
    }
}
