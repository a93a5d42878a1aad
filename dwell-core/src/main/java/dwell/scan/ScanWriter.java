package dwell.scan;

import com.fasterxml.jackson.core.JsonGenerator;
import dwell.evidence.OutputFolder;
import dwell.hunt.Finding;
import dwell.text.Json;
import dwell.text.SafeText;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Owns the output contract of a scan folder (DESIGN.md): {@code findings.jsonl} (one finding a line, in output
 * order), {@code inventory.json}, {@code summary.json} and, when the pivot ran, {@code incidents.json}, in a folder
 * marked as dwell's output ({@link OutputFolder}). The case file imports exactly these.
 */
public final class ScanWriter {
    private ScanWriter() {
    }

    public static void write(Path out, ScanOutcome o) throws IOException {
        OutputFolder.prepare(out);
        // the findings' lines (most of the work) are written on a thread of their own beside the other files
        Background<Void> findings = Background.start("dwell-findings-writer", () -> {
            findings(out.resolve("findings.jsonl"), o.findings());
            return null;
        });
        try {
            Json.write(out.resolve("inventory.json"), InventoryJson.of(o.hunt().inventory()));
            Json.write(out.resolve("summary.json"), SummaryJson.of(o));
            if (o.pivot().result() != null) Json.write(out.resolve("incidents.json"), IncidentsJson.of(o.pivot().result(), o.pivot()::impact));
        } finally {
            findings.join();
        }
    }

    private static void findings(Path file, List<Finding> findings) throws IOException {
        try (Writer w = SafeText.utf8(Files.newOutputStream(file)); JsonGenerator g = FindingJson.lines(w)) {
            for (Finding f : findings) FindingJson.write(g, f);
        }
    }
}
