package dwell.cli;

import dwell.hunt.Finding;
import dwell.hunt.Level;
import dwell.pivot.Incident;
import dwell.pivot.IncidentRank;
import dwell.pivot.PivotConfig;
import dwell.pivot.Round;
import dwell.pivot.Strength;
import dwell.pivot.store.ByteSize;
import dwell.pivot.store.IndexBudget;
import dwell.scan.PivotOutcome;
import dwell.scan.PivotSettings;
import dwell.text.SafeText;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import picocli.CommandLine.Option;

/** The scan's pivot options, and how its incidents lead the console summary. */
public final class PivotOptions {
    @Option(names = "--no-pivot", description = "Do not re-hunt what the findings reveal, nor group them into incidents.")
    boolean noPivot;

    @Option(names = "--pivot-depth", paramLabel = "N", description = "Most pivot rounds (default: ${DEFAULT-VALUE}).")
    int depth = PivotConfig.DEFAULT.depth();

    @Option(names = "--pivot-exclude", paramLabel = "FILE",
            description = "Known-good values that never pivot: one a line, optionally type:value (ip:10.0.0.1).")
    List<Path> exclude = new ArrayList<>();

    @Option(names = "--as-of", paramLabel = "TIME", description = "Measure dwell time up to TIME (ISO-8601) instead of the last trace.")
    String asOf;

    @Option(names = "--pivot-memory", paramLabel = "SIZE",
            description = "Heap the pivot index may fill before it spills to disk, e.g. 512m (default: a quarter of the heap).")
    String memory;

    @Option(names = "--pivot-disk", paramLabel = "SIZE",
            description = "Most disk the pivot index may spill, e.g. 20g (default: what the disk has, keeping 1 GiB free).")
    String disk;

    @Option(names = "--pivot-spill", paramLabel = "DIR",
            description = "Folder for the pivot index's spill files, never inside the evidence (default: the JVM's temp folder).")
    Path spill;

    /** The options as the pipeline's settings; a bad value is the user's error. */
    PivotSettings settings() {
        if (depth < 0) throw new InputError("--pivot-depth must be 0 or more");
        for (Path p : exclude) if (!Files.isReadable(p)) throw new InputError("--pivot-exclude: cannot read " + p);
        Instant until = asOf == null ? null : TimeOption.parse("--as-of", asOf, true);
        IndexBudget b = IndexBudget.defaults();
        if (memory != null) b = b.withMemory(size("--pivot-memory", memory));
        if (disk != null) b = b.withDisk(size("--pivot-disk", disk));
        if (spill != null) {
            if (Files.exists(spill) && !Files.isDirectory(spill)) throw new InputError("--pivot-spill: not a folder: " + spill);
            b = b.withSpillParent(spill);
        }
        return new PivotSettings(!noPivot, depth, exclude, until, b);
    }

    private static long size(String option, String value) {
        try {
            return ByteSize.parse(value);
        } catch (IllegalArgumentException e) {
            throw new InputError(option + ": " + e.getMessage());
        }
    }

    /** Incidents the console shows in full; the rest are counted and left to incidents.json and the report. */
    static final int TOP_INCIDENTS = 10;

    /**
     * The lines that lead the console summary: what limited the pivot, then one line per incident, the most severe
     * ({@link IncidentRank}) first and only the top ones, then how many findings belong to none.
     */
    static void print(PivotOutcome p, List<Finding> findings, Path out, LevelColours colours, PrintStream o) {
        if (p.skipped() != null) {
            o.println(SafeText.visible("Pivot skipped: " + p.skipped()
                    + ". The detectors' findings are all written; there are no pivot findings nor incidents."));
            o.println();
        }
        if (p.result() == null) return;
        if (p.limit() != null) {
            // the reason may quote an error message and the spill folder's path: shown inert, as evidence is
            o.println(SafeText.visible("Pivot limited: " + p.limit() + ". " + p.unindexedEvents()
                    + " events after that were not indexed: pivot findings and incidents may miss traces among them."));
            o.println();
        }
        Map<String, Level> levels = levels(findings);
        List<Incident> ranked = ranked(p.incidents(), levels);
        for (Incident i : ranked.subList(0, Math.min(TOP_INCIDENTS, ranked.size()))) {
            colours.println(o, top(i, levels), SafeText.visible(headline(i, p.impact(i.id()).brief())));
        }
        if (ranked.size() > TOP_INCIDENTS) {
            o.println("... " + (ranked.size() - TOP_INCIDENTS) + " more incidents (of " + ranked.size()
                    + ", the most severe and longest first) in " + out.resolve("incidents.json"));
        }
        if (!p.unattributed().isEmpty()) {
            int n = p.unattributed().size();
            o.println(n + (n == 1 ? " finding of level medium or higher belongs" : " findings of level medium or higher belong")
                    + " to no incident (\"unattributed\" in incidents.json)");
        }
        if (!p.incidents().isEmpty() || !p.unattributed().isEmpty()) o.println();
    }

    /** The pivot's rounds on one line, among the scan's counts. */
    static String rounds(PivotOutcome p) {
        if (p.result().rounds().isEmpty()) return "Pivot: nothing to re-hunt";
        List<String> rounds = new ArrayList<>();
        for (Round r : p.result().rounds()) {
            rounds.add("round " + r.round() + ": " + r.indicators() + (r.indicators() == 1 ? " indicator -> " : " indicators -> ")
                    + r.findings() + (r.findings() == 1 ? " finding" : " findings"));
        }
        return "Pivot: " + String.join("; ", rounds);
    }

    /** The incidents in {@link IncidentRank} order, each ranked by its findings' highest level ({@code levels} by finding id). */
    static List<Incident> ranked(List<Incident> incidents, Map<String, Level> levels) {
        Map<IncidentRank, Incident> byRank = new TreeMap<>();
        for (Incident i : incidents) byRank.put(new IncidentRank(i.id(), top(i, levels), i.dwellDays(), i.findings().size()), i);
        return List.copyOf(byRank.values());
    }

    private static Map<String, Level> levels(List<Finding> findings) {
        Map<String, Level> levels = new HashMap<>();
        for (Finding f : findings) if (f.rule().level() != null) levels.put(f.id(), f.rule().level());
        return levels;
    }

    /** An incident's most severe finding level, or null. */
    private static Level top(Incident i, Map<String, Level> levels) {
        return i.findings().stream().map(levels::get).filter(Objects::nonNull).max(Comparator.naturalOrder()).orElse(null);
    }

    /** e.g. {@code Incident 1 - first trace 2019-04-11 09:14:02Z, last 2021-03-03 08:03:30Z (692 days) - EXCH01 - ...}. */
    static String headline(Incident i, String impact) {
        StringBuilder b = new StringBuilder("Incident ").append(i.id().replace("INC-", "")).append(" - first trace ")
                .append(human(i.first())).append(", last ").append(human(i.last())).append(" (").append(i.dwellDays())
                .append(" days)");
        if (!i.summary().isEmpty()) b.append(" - ").append(i.summary());
        if (!i.hosts().isEmpty()) b.append(" - ").append(String.join(", ", i.hosts()));
        List<String> ips = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        for (Incident.Attributed x : i.indicators()) {
            if (x.type().equals("ip") && x.strength() == Strength.STRONG && ips.size() < 3) ips.add(x.value());
            if (x.type().equals("path") && x.value().startsWith("/")) paths.add(x.value());
        }
        if (!ips.isEmpty()) b.append(" - ").append(String.join(", ", ips));
        List<String> pages = paths.stream().filter(p -> p.matches(".*\\.(aspx|ashx|asmx|asp|php|jsp|jspx)$")).toList();
        if (!pages.isEmpty()) {
            b.append(" - web shell ").append(String.join(", ", pages.subList(0, Math.min(2, pages.size()))));
        } else if (!paths.isEmpty()) {
            b.append(" - paths ").append(String.join(", ", paths.subList(0, Math.min(2, paths.size()))));
        }
        if (!impact.isEmpty()) b.append(" - ").append(impact);
        return b.toString();
    }

    private static String human(Instant t) {
        if (t == null) return "-";
        String s = t.toString();
        return s.replace('T', ' ').replaceAll("\\.\\d+Z$", "Z");
    }
}
