package dwell.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dwell.Corpora;
import dwell.evidence.CatalogLimits;
import dwell.evidence.Progress;
import dwell.hunt.Finding;
import dwell.hunt.Level;
import dwell.hunt.SharedHunts;
import dwell.hunt.SummingDetector;
import dwell.sigma.CorrelationCandidate;
import dwell.sigma.CorrelationHits;
import dwell.sigma.CorrelationStage;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scan whose first pass hunts shares of the evidence apart (every detector with an item-local or mergeable form, the
 * parts merged after) gives the outcome of the scan in one piece; without detectors of neither form, this process
 * reads no evidence in the first pass.
 */
class ShareHuntTest {
    /** The built-in pack's web-shell code check and its log coverage note (checks.yaml). */
    private static final String CODE_CHECK = "2d9ae7e3-25eb-4a7e-96df-1b3b3afbdb6e";
    private static final String LOG_COVERAGE = "d72722e2-075a-4a80-b315-06e6f15978b1";

    /**
     * Hunts each share here, each part passed through Java serialization as a cluster would pass it; with {@code stage},
     * evaluates the flat correlations group by group as a distributed engine does, and hands back the parts without them.
     */
    private static final class InProcess implements ShareRunner {
        final ScanRequest request;
        final int width;
        final boolean stage;
        /** Adds the summing detectors' parts up apart, last share first, as a runner's treeReduce may. */
        boolean sum;
        final Map<Integer, Serializable> summed = new TreeMap<>();
        final List<List<String>> shares = new ArrayList<>();
        final List<SharePart> parts = new ArrayList<>();
        final Map<Integer, List<CorrelationHits>> hits = new TreeMap<>();

        InProcess(ScanRequest request, int width) {
            this(request, width, false);
        }

        InProcess(ScanRequest request, int width, boolean stage) {
            this.request = request;
            this.width = width;
            this.stage = stage;
        }

        @Override
        public int width() {
            return width;
        }

        @Override
        public ShareResults run(List<List<String>> given, Set<Integer> correlated) throws IOException {
            for (List<String> share : given) {
                shares.add(share);
                parts.add(SharedHunts.travelled(ShareHunt.run(request, share, 1)));
            }
            if (sum) return summedApart();
            if (!stage) return ShareResults.of(parts);
            Map<Integer, CorrelationStage> stages = ShareHunt.correlationStages(request);
            assertEquals(correlated, stages.keySet());
            List<SharePart> rest = new ArrayList<>();
            for (SharePart p : parts) {
                SharePart r = p;
                for (Map.Entry<Integer, CorrelationStage> e : stages.entrySet()) r = r.withPart(e.getKey(), e.getValue().rest(p.parts().get(e.getKey())));
                rest.add(r);
            }
            stages.forEach((i, st) -> {
                Map<List<String>, List<CorrelationCandidate>> groups = new HashMap<>();
                for (SharePart p : parts) for (CorrelationCandidate c : st.candidates(p.parts().get(i))) groups.computeIfAbsent(c.group(), k -> new ArrayList<>()).add(c);
                hits.put(i, groups.values().stream().map(st::evaluate).toList());
            });
            return new ShareResults(rest, hits);
        }

        private ShareResults summedApart() throws IOException {
            Map<Integer, SummingDetector> twins = ShareHunt.summing(null, request);
            List<SharePart> rest = new ArrayList<>();
            for (int k = parts.size() - 1; k >= 0; k--) {
                SharePart p = parts.get(k);
                SharePart r = p;
                for (Map.Entry<Integer, SummingDetector> t : twins.entrySet()) {
                    Serializable part = p.parts().get(t.getKey());
                    summed.merge(t.getKey(), part, (a, b) -> t.getValue().sum(a, b));
                    r = r.withoutPart(t.getKey());
                }
                rest.add(0, r);
            }
            for (Map.Entry<Integer, Serializable> e : summed.entrySet()) e.setValue(SharedHunts.travelled(e.getValue()));
            return new ShareResults(rest, Map.of(), summed);
        }

        @Override
        public void close() {
        }
    }

    private static ScanRequest examples() {
        Path sig = Corpora.path("signature-base");
        RuleSources rules = new RuleSources(List.of(), List.of(), List.of(),
                List.of(sig.resolve("iocs/filename-iocs.txt"), sig.resolve("iocs/c2-iocs.txt")), null,
                List.of(sig.resolve("yara/apt_webshell_chinachopper.yar"), sig.resolve("yara/gen_webshells.yar")), 0, true, false);
        return new ScanRequest(List.of(Corpora.repoRoot().resolve("examples")), rules, null, null, Level.INFORMATIONAL, 2,
                CatalogLimits.DEFAULT, PivotSettings.defaults());
    }

    @Test
    void sharesHuntedApartGiveTheSameFindingsIncidentsAndReportAndThisProcessReadsNoEvidenceWithTheBuiltinPack() throws Exception {
        ScanRequest request = examples();
        ScanOutcome whole = ScanPipeline.run(request);
        InProcess runner = new InProcess(request, 3);
        runner.sum = true;
        Walks walks = new Walks();
        ScanOutcome split = ScanPipeline.run(request, walks, runner);

        assertEquals(0, walks.planned, "this process walked the evidence");
        assertEquals(3, runner.shares.size());
        // the census, SID names, exposure, log coverage, traffic and the feeds' hits were added up apart
        assertEquals(7, runner.summed.size(), runner.summed.keySet()::toString);
        assertEquals(whole.findings(), split.findings());
        assertEquals(whole.pivot().incidents(), split.pivot().incidents());
        assertEquals(whole.report().sections(), split.report().sections());
        assertEquals(whole.hunt().problems(), split.hunt().problems());
        assertEquals(whole.hunt().inventory(), split.hunt().inventory());
        assertEquals(whole.hunt().events(), split.hunt().events());
        // the IOC, YARA and Sigma findings came from the shares, not from this process's own pass
        List<Finding> fromShares = runner.parts.stream().flatMap(p -> p.findings().stream()).toList();
        // (by id: the host identity is given after the hunt, to every finding alike)
        List<String> ids = whole.findings().stream().map(Finding::id).toList();
        assertTrue(ids.containsAll(fromShares.stream().map(Finding::id).toList()),
                () -> fromShares.stream().filter(f -> !ids.contains(f.id())).toList().toString());
        assertTrue(fromShares.stream().map(Finding::detector).toList().containsAll(List.of("yara", "sigma")),
                () -> fromShares.stream().map(Finding::detector).distinct().toList().toString());
        // the built-in pack's feeds and code checks hunted in the shares; its log coverage merged from their parts
        assertTrue(fromShares.stream().anyMatch(f -> String.valueOf(f.details().get("feed")).startsWith("builtin:")));
        assertTrue(fromShares.stream().anyMatch(f -> f.rule().id().equals(CODE_CHECK)), fromShares::toString);
        assertTrue(fromShares.stream().noneMatch(f -> f.rule().id().equals(LOG_COVERAGE)));
        assertTrue(split.findings().stream().anyMatch(f -> f.rule().id().equals(LOG_COVERAGE)));
        // the feeds' statistics (seen, hits) are in the report sections compared above: some were seen
        assertTrue(split.report().sections().toString().contains("seen=3"), () -> split.report().sections().toString());
        // examples/README.md: the China Chopper shell in the web root copy, found by the signature-base rule
        assertTrue(fromShares.stream().anyMatch(f -> f.rule().id().equals("ChinaChopper_Generic")
                && f.evidence().path().endsWith("webroot-copy.zip!/inetpub/wwwroot/aspnet_client/system_web/log.aspx")), fromShares::toString);
    }

    /** Counts the files this process's own walk of the evidence planned: none when the shares read everything. */
    private static final class Walks implements Progress {
        int planned;

        @Override
        public void planned(int files, long bytes) {
            planned += files;
        }
    }

    @Test
    void withoutTheBuiltinPackThisProcessReadsNoEvidenceAndCorrelationsAndThePivotAreWhole() throws Exception {
        Path rules = Corpora.repoRoot().resolve("dwell-core/src/test/resources/dwell/scan/logon-correlations.yml");
        Path samples = Corpora.path("evtx-attack-samples");
        RuleSources sources = new RuleSources(List.of(rules, Corpora.path("sigma/rules/windows/process_creation")), List.of(),
                List.of(), List.of(), null, List.of(), 0, false, false);
        ScanRequest request = new ScanRequest(List.of(samples.resolve("Credential Access"), samples.resolve("Lateral Movement")),
                sources, null, null, Level.INFORMATIONAL, 2, CatalogLimits.DEFAULT, PivotSettings.defaults());
        ScanOutcome whole = ScanPipeline.run(request);
        InProcess runner = new InProcess(request, 3, true);
        Walks walks = new Walks();
        ScanOutcome split = ScanPipeline.run(request, walks, runner);

        assertEquals(0, walks.planned, "this process walked the evidence");
        assertEquals(3, runner.shares.size());
        assertEquals(whole.findings(), split.findings());
        assertEquals(whole.hunt().inventory(), split.hunt().inventory());
        assertEquals(whole.hunt().events(), split.hunt().events());
        assertEquals(whole.hunt().eventsInWindow(), split.hunt().eventsInWindow());
        assertEquals(whole.hunt().problems(), split.hunt().problems());
        assertEquals(whole.report().sections(), split.report().sections());
        assertEquals(whole.pivot().incidents(), split.pivot().incidents());
        // the correlations fired over the merged candidates, and some fired only because shares were joined
        List<Finding> correlations = split.findings().stream().filter(f -> f.detector().equals("correlation")).toList();
        assertTrue(correlations.size() > 1, correlations::toString);
        assertTrue(whole.pivot().incidents().size() > 0);
        assertTrue(runner.parts.stream().allMatch(p -> p.findings().stream().noneMatch(f -> f.detector().equals("correlation"))));
        // both correlations are flat: evaluated group by group apart from the merge, which took their hits
        assertEquals(1, runner.hits.size());
        assertTrue(runner.hits.values().iterator().next().stream().mapToInt(h -> h.hits().size()).sum() == correlations.size());
    }

    /**
     * Paths the listing cannot read (a broken link, a link back to its own folder, a folder without permissions) are
     * in no share: the merge reports them from the listing, as items with their problem, exactly as the one-piece scan.
     */
    @Test
    void listingFailuresAreReportedWhenThisProcessReadsNoEvidence(@TempDir Path tmp) throws Exception {
        Path evidence = Files.createDirectories(tmp.resolve("evidence"));
        Path samples = Corpora.path("evtx-attack-samples");
        Files.copy(samples.resolve("Credential Access/CA_DCSync_4662.evtx"), evidence.resolve("dcsync.evtx"));
        Files.createSymbolicLink(evidence.resolve("broken.log"), tmp.resolve("nowhere"));
        Files.createSymbolicLink(Files.createDirectories(evidence.resolve("loop")).resolve("again"), evidence.resolve("loop"));
        Path closed = Files.createDirectories(evidence.resolve("closed"));
        Files.writeString(closed.resolve("u_ex210301.log"), "#Fields: date time\n");
        Files.setPosixFilePermissions(closed, Set.of());
        try {
            Path sig = Corpora.path("signature-base");
            RuleSources sources = new RuleSources(List.of(), List.of(), List.of(), List.of(sig.resolve("iocs/c2-iocs.txt")), null,
                    List.of(), 0, false, false);
            ScanRequest request = new ScanRequest(List.of(evidence), sources, null, null, Level.INFORMATIONAL, 2,
                    CatalogLimits.DEFAULT, PivotSettings.defaults());
            ScanOutcome whole = ScanPipeline.run(request);
            Walks walks = new Walks();
            ScanOutcome split = ScanPipeline.run(request, walks, new InProcess(request, 2));

            assertEquals(0, walks.planned, "this process walked the evidence");
            assertEquals(whole.hunt().inventory(), split.hunt().inventory());
            assertEquals(whole.hunt().problems(), split.hunt().problems());
            Map<String, List<String>> problems = new TreeMap<>();
            whole.hunt().inventory().items().forEach(i -> problems.put(i.item().path(), i.problems()));
            assertEquals(List.of("cannot read: broken symbolic link"), problems.get(evidence.resolve("broken.log").toString()));
            assertTrue(problems.get(evidence.resolve("loop/again").toString()).get(0).startsWith("cannot read: "), problems::toString);
            // a folder without permissions is no obstacle to root: then its file is read like any other
            String closedFile = closed.resolve("u_ex210301.log").toString();
            assertTrue(problems.containsKey(closedFile) || problems.get(closed.toString()).get(0).startsWith("cannot read: "),
                    problems::toString);
        } finally {
            Files.setPosixFilePermissions(closed, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        }
    }

    /** A file listed by the driver but gone when its share is hunted is that share's item, with the reason the local walk gives. */
    @Test
    void aFileThatVanishedAfterTheListingIsReportedByItsShare(@TempDir Path tmp) throws Exception {
        Path gone = tmp.resolve("u_ex210301.log");
        Files.writeString(gone, "#Fields: date time\n");
        ScanRequest request = examples();
        List<List<String>> shares = ItemShares.balance(List.of(gone), 1);
        Files.delete(gone);
        SharePart part = ShareHunt.run(request, shares.get(0), 1);
        assertEquals(1, part.inventory().items().size());
        assertEquals(gone.toString(), part.inventory().items().get(0).item().path());
        assertEquals(List.of("cannot read: no such file: " + gone), part.inventory().items().get(0).problems());
    }

    @Test
    void aShareHuntsOnlyItsOwnFiles() throws Exception {
        ScanRequest request = examples();
        List<List<String>> shares = ItemShares.balance(request.evidence(), 2);
        SharePart first = ShareHunt.run(request, shares.get(0), 1);
        for (Finding f : first.findings()) {
            String file = f.evidence().path().split("!/")[0];
            assertTrue(shares.get(0).contains(file), file);
        }
    }
}
