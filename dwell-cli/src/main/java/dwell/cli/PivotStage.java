package dwell.cli;

import dwell.text.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dwell.hunt.Finding;
import dwell.hunt.HuntEngine;
import dwell.hunt.HuntResult;
import dwell.hunt.Level;
import dwell.inventory.ItemSummary;
import dwell.evidence.CatalogLimits;
import dwell.hunt.Detector;
import dwell.hunt.EventRecall;
import dwell.pivot.Census;
import dwell.pivot.EventIndex;
import dwell.pivot.SealedIndex;
import dwell.pivot.store.ByteSize;
import dwell.pivot.store.IndexBudget;
import dwell.pivot.store.IndexLimitException;
import dwell.pivot.Strength;
import dwell.pivot.Exclusions;
import dwell.pivot.Hosts;
import dwell.pivot.Incident;
import dwell.pivot.Pivot;
import dwell.pivot.PivotConfig;
import dwell.pivot.PivotFields;
import dwell.pivot.PivotResult;
import dwell.pivot.Round;
import dwell.text.SafeText;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The scan's pivot: indexes every event during the first pass, then re-hunts what the findings reveal and
 * groups all findings into incidents (incidents.json, and the head of the console summary).
 */
public final class PivotStage {
    @Option(names = "--no-pivot", description = "Do not re-hunt what the findings reveal, nor group them into incidents.")
    boolean noPivot;

    @Option(names = "--pivot-depth", paramLabel = "N", description = "Most pivot rounds (default: ${DEFAULT-VALUE}).")
    int depth = PivotConfig.DEFAULT.depth();

    @Option(names = "--pivot-exclude", paramLabel = "FILE",
            description = "Known-good values that never pivot: one a line, optionally type:value (ip:10.0.0.1).")
    List<Path> exclude = new ArrayList<>();

    @Option(names = "--as-of", paramLabel = "T", description = "Measure dwell time up to T (ISO-8601) instead of the last trace.")
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

    private EventIndex index;
    private Census census;
    private Hosts hosts = Hosts.none();
    private Exclusions exclusions;
    private PivotResult result;
    private long firstPassNanos;
    private IndexFigures figures;
    /** Why the pivot did not run after all, or null. */
    private String skipped;

    /** The index's size and limit, read before its files are deleted. */
    private record IndexFigures(long diskBytes, long memoryBudget, String limit, long unindexed) {
    }

    /** The detectors to feed during the first pass: the census (host identities), and the index unless --no-pivot. */
    List<Detector> detectors(List<Path> evidence) throws IOException {
        if (depth < 0) throw new InputError("--pivot-depth must be 0 or more");
        exclusions = Exclusions.builtin();
        for (Path p : exclude) {
            if (!Files.isReadable(p)) throw new InputError("--pivot-exclude: cannot read " + p);
            exclusions.withFile(p);
        }
        PivotFields fields = PivotFields.builtin();
        census = new Census(fields, exclusions);
        if (noPivot) return List.of(census);
        index = new EventIndex(fields, budget(evidence));
        return List.of(index, census);
    }

    private IndexBudget budget(List<Path> evidence) {
        IndexBudget b = IndexBudget.defaults();
        if (memory != null) b = b.withMemory(size("--pivot-memory", memory));
        if (disk != null) b = b.withDisk(size("--pivot-disk", disk));
        if (spill != null) {
            if (Files.exists(spill) && !Files.isDirectory(spill)) throw new InputError("--pivot-spill: not a folder: " + spill);
            b = b.withSpillParent(spill);
        }
        Path folder = resolved(b.spillParent());
        for (Path e : evidence) {
            if (folder.startsWith(resolved(e))) {
                throw new InputError((spill == null ? "the JVM's temp folder " : "--pivot-spill: ") + b.spillParent()
                        + " is inside the evidence " + e + ": the pivot index must not spill there (name another folder with"
                        + " --pivot-spill, or use --no-pivot)");
            }
        }
        return b;
    }

    private static long size(String option, String value) {
        try {
            return ByteSize.parse(value);
        } catch (IllegalArgumentException e) {
            throw new InputError(option + ": " + e.getMessage());
        }
    }

    /** The real path of the nearest existing ancestor, with the rest appended: links and ".." resolved. */
    private static Path resolved(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        Path existing = abs;
        while (existing != null && !Files.exists(existing)) existing = existing.getParent();
        if (existing == null) return abs;
        try {
            return existing.toRealPath().resolve(existing.relativize(abs));
        } catch (IOException e) {
            return abs;
        }
    }

    /** The hunt's findings with one host identity each, learned from what the census saw. */
    HuntResult resolveHosts(HuntResult first) {
        List<String> items = first.inventory().items().stream().map(s -> s.item().path()).toList();
        hosts = Hosts.learn(census, items);
        return new HuntResult(first.inventory(), hosts.resolve(first.findings()), first.events(), first.eventsInWindow(),
                first.problems());
    }

    /** Runs the rounds after the first pass; returns the hunt's result with hosts resolved and the pivot findings added. */
    HuntResult apply(HuntResult first, Level minLevel, long firstPassNanos, CatalogLimits limits) {
        this.firstPassNanos = firstPassNanos;
        if (index == null) return first;
        Instant until = asOf == null ? null : TimeOption.parse("--as-of", asOf, true);
        PivotConfig config = PivotConfig.DEFAULT.withDepth(depth).withAsOf(until);
        Map<String, String> sha = new HashMap<>();
        for (ItemSummary s : first.inventory().items()) sha.put(s.item().path(), s.item().sha256());
        // a limit met while sealing or reading the index costs the pivot, never the detectors' findings
        try (SealedIndex sealed = index.seal()) {
            figures = new IndexFigures(sealed.diskBytes(), index.budget().memory(), sealed.limit(), sealed.unindexedEvents());
            result = new Pivot(PivotFields.builtin(), exclusions, config).run(first.findings(), sealed, sha::get,
                    census, hosts, new EventRecall(limits)::fields, minLevel);
        } catch (IndexLimitException e) {
            skipped = "its index could not be completed: " + e.getMessage();
        } catch (UncheckedIOException e) {
            skipped = e.getMessage();
        } catch (OutOfMemoryError e) {
            skipped = "the heap ran out while sealing or searching its index (give the JVM more with -Xmx, or the index less with --pivot-memory)";
        } finally {
            close();
        }
        if (result == null) return first;
        List<Finding> all = new ArrayList<>(result.findings());
        all.sort(HuntEngine.ORDER);
        return new HuntResult(first.inventory(), all, first.events(), first.eventsInWindow(), first.problems());
    }

    /** Deletes the index's spill files, if any are left (also after a failed scan). */
    void close() {
        if (index != null) index.close();
    }

    List<Incident> incidents() {
        return result == null ? List.of() : result.incidents();
    }

    void writeIncidents(Path out) throws IOException {
        if (result == null) return;
        ObjectNode root = Json.object();
        ArrayNode arr = root.putArray("incidents");
        for (Incident i : result.incidents()) {
            ObjectNode o = arr.addObject();
            o.put("id", i.id());
            o.put("summary", i.summary());
            o.put("first", Json.time(i.first()));
            o.put("last", Json.time(i.last()));
            o.put("dwell_days", i.dwellDays());
            i.hosts().forEach(o.putArray("hosts")::add);
            ArrayNode ind = o.putArray("indicators");
            for (Incident.Attributed x : i.indicators()) {
                ObjectNode a = ind.addObject().put("type", x.type()).put("value", x.value()).put("strength", x.strength().id());
                x.findings().forEach(a.putArray("findings")::add);
            }
            i.techniques().forEach(o.putArray("techniques")::add);
            i.cves().forEach(o.putArray("cves")::add);
            i.findings().forEach(o.putArray("findings")::add);
            i.leads().forEach(o.putArray("leads")::add);
            ArrayNode story = o.putArray("story");
            for (Incident.StoryStep s : i.story()) {
                story.addObject().put("time", Json.time(s.time())).put("summary", s.summary()).put("path", s.path())
                        .put("line", s.line()).put("record", s.record()).put("finding", s.finding());
            }
        }
        result.unattributed().forEach(root.putArray("unattributed")::add);
        Json.write(out.resolve("incidents.json"), root);
    }

    /** The pivot's part of summary.json: rounds, timings against the first pass, index size, incidents. */
    ObjectNode json() {
        ObjectNode p = Json.object();
        p.put("enabled", index != null);
        if (index == null) return p;
        p.put("status", skipped != null ? "skipped" : figures.limit() != null ? "limited" : "complete");
        if (skipped != null) p.put("limit", "the pivot was skipped: " + skipped);
        else if (figures.limit() != null) p.put("limit", figures.limit()).put("unindexed_events", figures.unindexed());
        p.put("first_pass_ms", firstPassNanos / 1_000_000);
        if (result == null) return p;
        p.put("index_events", result.indexedEvents());
        p.put("index_values", result.distinctValues());
        p.put("index_bytes", result.indexBytes());
        p.put("index_disk_bytes", figures.diskBytes());
        p.put("index_memory_budget", figures.memoryBudget());
        ArrayNode rounds = p.putArray("rounds");
        for (Round r : result.rounds()) {
            rounds.addObject().put("round", r.round()).put("indicators", r.indicators()).put("findings", r.findings())
                    .put("new_indicators", r.newIndicators()).put("ms", r.nanos() / 1_000_000.0);
        }
        p.put("incidents", result.incidents().size());
        p.put("unattributed", result.unattributed().size());
        return p;
    }

    /** The lines that lead the console summary: one per incident, then the rounds. */
    void print(PrintStream o) {
        if (skipped != null) {
            o.println(SafeText.visible("Pivot skipped: " + skipped
                    + ". The detectors' findings are all written; there are no pivot findings nor incidents."));
            o.println();
        }
        if (result == null) return;
        if (figures.limit() != null) {
            // the reason may quote an error message and the spill folder's path: shown inert, as evidence is
            o.println(SafeText.visible("Pivot limited: " + figures.limit() + ". " + figures.unindexed()
                    + " events after that were not indexed: pivot findings and incidents may miss traces among them."));
            o.println();
        }
        for (Incident i : result.incidents()) o.println(SafeText.visible(headline(i)));
        if (!result.unattributed().isEmpty()) {
            int n = result.unattributed().size();
            o.println(n + (n == 1 ? " finding of level medium or higher belongs" : " findings of level medium or higher belong")
                    + " to no incident (\"unattributed\" in incidents.json)");
        }
        if (!result.incidents().isEmpty() || !result.unattributed().isEmpty()) o.println();
        StringBuilder rounds = new StringBuilder("Pivot: ");
        if (result.rounds().isEmpty()) rounds.append("nothing to re-hunt");
        for (Round r : result.rounds()) {
            rounds.append("round ").append(r.round()).append(": ").append(r.indicators()).append(" indicators -> ")
                    .append(r.findings()).append(" findings; ");
        }
        o.println(rounds.toString().strip());
    }

    /** e.g. {@code Incident 1 - first trace 2019-04-11 09:14:02Z, last 2021-03-03 08:03:30Z (692 days) - EXCH01 - ...}. */
    static String headline(Incident i) {
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
        return b.toString();
    }

    private static String human(Instant t) {
        if (t == null) return "-";
        String s = t.toString();
        return s.replace('T', ' ').replaceAll("\\.\\d+Z$", "Z");
    }
}
