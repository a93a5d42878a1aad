package dwell.cli;

import dwell.report.Reports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** dwell report: a case as an HTML report, a Timesketch CSV timeline, JSON lines or a STIX 2.1 bundle. */
@Command(name = "report", mixinStandardHelpOptions = true, description = "Writes a case file as a report.")
public final class ReportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "CASE", description = "The case file (OUT/case.duckdb).")
    Path caseFile;

    @Option(names = "--format", required = true, description = "html, csv (Timesketch), jsonl or stix.")
    Reports.Kind format;

    @Option(names = "--out", paramLabel = "FILE", description = "Where to write (default: standard output).")
    Path out;

    @Option(names = "--org", defaultValue = "dwell user", description = "STIX: the reporting organisation's name.")
    String org;

    @Option(names = "--tlp", defaultValue = "amber", description = "STIX: TLP marking (white, clear, green, amber, red).")
    String tlp;

    @Option(names = "--min-confidence", paramLabel = "N", defaultValue = "50", description = "STIX: only indicators of at least "
            + "this confidence (0-100; default ${DEFAULT-VALUE}): 85 strong and shown by a high detection, 65 strong, "
            + "30 weak (accounts, internal addresses, user agents).")
    int minConfidence;

    @Option(names = "--impact", description = "CSV: the affected mailboxes instead of the timeline, one row per incident "
            + "and mailbox (protocols, first and last access, requests, bytes, forwarding, exports, permissions).")
    boolean impact;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(caseFile)) throw new InputError("no such case file: " + caseFile);
        try {
            if (minConfidence < 0 || minConfidence > 100) throw new InputError("--min-confidence must be 0 to 100");
            if (impact && format != Reports.Kind.csv) throw new InputError("--impact needs --format csv");
            if (impact) Reports.writeImpactCsv(caseFile, out); else Reports.write(caseFile, format, out, org, tlp, minConfidence);
        } catch (IllegalArgumentException e) {
            throw new InputError(e.getMessage());
        }
        if (out != null) System.err.println("wrote " + out);
        return 0;
    }
}
