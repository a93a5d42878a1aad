package dwell.scan;

import dwell.evidence.OutputFolder;
import dwell.hunt.Finding;
import dwell.text.Json;
import dwell.text.SafeText;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Owns the output contract of a scan folder (DESIGN.md): {@code findings.jsonl} (one finding a line, in output
 * order), {@code inventory.json}, {@code summary.json} and, when the pivot ran, {@code incidents.json}, in a folder
 * marked as dwell's output ({@link OutputFolder}). The case file imports exactly these.
 */
public final class ScanWriter {
    private ScanWriter() {
    }

    public static void write(Path out, ScanOutcome o) throws IOException {
        write(out, o, OutputAhead.Rendered.NONE);
    }

    /** Writes the folder, taking what {@code ahead} rendered of it before the pivot (waiting for it) where it still holds. */
    public static void write(Path out, ScanOutcome o, OutputAhead ahead) throws IOException {
        write(out, o, ahead.take());
    }

    static void write(Path out, ScanOutcome o, OutputAhead.Rendered rendered) throws IOException {
        OutputFolder.prepare(out);
        // the findings' lines (most of the work) are written on a thread of their own beside the other files
        Background<Void> findings = Background.start("dwell-findings-writer", () -> {
            findings(out.resolve("findings.jsonl"), o.findings(), rendered.lines());
            return null;
        });
        try {
            String inventory = rendered.inventoryJson(o.hunt().inventory());
            if (inventory == null) Json.write(out.resolve("inventory.json"), InventoryJson.of(o.hunt().inventory()));
            else Json.writeRendered(out.resolve("inventory.json"), inventory);
            Json.write(out.resolve("summary.json"), SummaryJson.of(o));
            if (o.pivot().result() != null) Json.write(out.resolve("incidents.json"), IncidentsJson.of(o.pivot().result(), o.pivot()::impact));
        } finally {
            findings.join();
        }
    }

    /** Each finding's line: the one rendered ahead where there is one, else rendered here. */
    private static void findings(Path file, List<Finding> findings, Map<Finding, String> ahead) throws IOException {
        try (Writer w = SafeText.utf8(Files.newOutputStream(file))) {
            FindingJson.Lines lines = new FindingJson.Lines();
            for (Finding f : findings) {
                String line = ahead.get(f);
                w.write(line != null ? line : lines.of(f));
            }
        }
    }
}
