package dwell.cli;

import dwell.report.Reports;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** dwell report: a case as an HTML report, a Timesketch CSV timeline, JSON lines or a STIX 2.1 bundle. */
@Command(name = "report", mixinStandardHelpOptions = true, description = "Writes a case file as a report.")
public final class ReportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "CASE", description = "The case file (OUT/case.duckdb).")
    Path caseFile;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", required = true,
            description = "${COMPLETION-CANDIDATES} (csv is a Timesketch timeline, stix a STIX 2.1 bundle).")
    Reports.Kind format;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Where to write (default: standard output).")
    Path out;

    @Option(names = "--org", paramLabel = "NAME", defaultValue = "dwell user", description = "STIX: the reporting organisation's name.")
    String org;

    @Option(names = "--tlp", paramLabel = "COLOUR", defaultValue = "amber", description = "STIX: TLP marking (white, clear, green, amber, red).")
    String tlp;

    @Option(names = "--min-confidence", paramLabel = "N", defaultValue = "50", description = "STIX: only indicators of at least "
            + "this confidence (0-100; default ${DEFAULT-VALUE}): 85 strong and shown by a high detection, 65 strong, "
            + "30 weak (accounts, internal addresses, user agents).")
    int minConfidence;

    @Mixin
    ConsoleOptions console = new ConsoleOptions();

    @Option(names = "--impact", description = "CSV: the affected mailboxes instead of the timeline, one row per incident "
            + "and mailbox (protocols, first and last access, requests, bytes, forwarding, exports, permissions).")
    boolean impact;

    @Override
    public Integer call() throws Exception {
        CaseArgument.existing(caseFile);
        if (minConfidence < 0 || minConfidence > 100) throw new InputError("--min-confidence must be 0 to 100");
        try {
            if (impact && format != Reports.Kind.csv) throw new InputError("--impact needs --format csv");
            try (ConsoleOptions.Live live = console.progress("report", out == null)) {
                live.progress().stage("writing " + (impact ? "the impact" : format));
                if (impact) Reports.writeImpactCsv(caseFile, out);
                else Reports.write(caseFile, format, out, org, tlp, minConfidence);
                live.finished();
            }
        } catch (IllegalArgumentException e) {
            throw new InputError(e.getMessage());
        } catch (SQLException e) {
            throw CaseArgument.unreadable(caseFile, e);
        } catch (FileSystemException e) {
            throw new InputError("--out: cannot write " + out + ": " + Failure.reason(e));
        }
        if (out != null) System.err.println("wrote " + out);
        return 0;
    }
}
