package dwell.cli;

import dwell.text.Json;
import dwell.evidence.Catalog;
import dwell.evidence.CatalogLimits;
import dwell.evidence.Progress;
import dwell.evidence.OutputFolder;
import dwell.inventory.Gap;
import dwell.scan.InventoryJson;
import dwell.inventory.Inventory;
import dwell.inventory.InventoryBuilder;
import dwell.inventory.ItemSummary;
import dwell.read.ItemReading;
import dwell.text.SafeText;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** dwell inventory: what evidence is there, and what time span it covers. */
@Command(name = "inventory", mixinStandardHelpOptions = true,
        description = "Lists every evidence item (archive members included) with its format, hash, events and time span.")
public final class InventoryCommand implements Callable<Integer> {
    @Mixin
    EvidenceReading evidence = new EvidenceReading();

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "table",
            description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Mixin
    ConsoleOptions console = new ConsoleOptions();

    @Override
    public Integer call() throws IOException {
        Inventory inv;
        try (ConsoleOptions.Live live = console.progress("inventory", false)) {
            live.progress().stage("reading");
            inv = take(evidence.paths(), evidence.limits(), evidence.threads(), live.progress());
            live.finished();
        }
        if (format == OutputFormat.json) {
            System.out.println(Json.pretty(InventoryJson.of(inv)));
        } else {
            printTable(inv, System.out);
        }
        return 0;
    }

    static Inventory take(List<Path> paths, CatalogLimits limits, int threads, Progress progress) throws IOException {
        InventoryBuilder builder = new InventoryBuilder();
        for (Path own : new Catalog(limits, threads, progress).walk(paths, new ItemReading(builder))) {
            System.err.println("dwell: " + SafeText.visible(own + ": not read, it holds dwell's own output ("
                    + OutputFolder.MARKER + ")"));
        }
        return builder.build();
    }

    static void printTable(Inventory inv, PrintStream out) {
        Table t = new Table("PATH", "FORMAT", "EVENTS", "FIRST", "LAST", "ERRORS", "SHA256");
        for (ItemSummary s : inv.items()) {
            String sha = s.item().sha256() == null ? "-" : s.item().sha256().substring(0, 16);
            t.row(s.item().path(), s.item().format().id(), Long.toString(s.events()), str(s.first()), str(s.last()),
                    Long.toString(s.unreadable() + s.problems().size()), sha);
        }
        t.print(out);
        out.println();
        Table f = new Table("FORMAT", "ITEMS", "EVENTS", "FIRST", "LAST");
        inv.formats().forEach((k, v) -> f.row(k, Long.toString(v.items()), Long.toString(v.events()), str(v.first()),
                str(v.last())));
        f.print(out);
        out.println();
        out.println("Total events: " + inv.totalEvents() + ", from " + str(inv.first()) + " to " + str(inv.last()));
        if (!inv.gaps().isEmpty()) {
            out.println("Coverage gaps (days without events):");
            for (Gap g : inv.gaps()) out.println("  " + SafeText.visible(g.series()) + ": " + g.from() + " .. " + g.to());
        }
        for (ItemSummary s : inv.items()) {
            if (s.error() != null) out.println("Problem: " + SafeText.visible(s.item().path() + ": " + s.error()));
        }
    }

    private static String str(Object o) {
        return o == null ? "-" : o.toString();
    }
}
