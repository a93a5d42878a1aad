package dwell.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dwell.Corpora;
import dwell.evidence.CatalogLimits;
import dwell.evidence.Progress;
import dwell.hunt.Finding;
import dwell.hunt.Level;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A scan whose IOC feeds and YARA rules hunt shares of the evidence apart gives the outcome of the scan in one piece. */
class ShareHuntTest {
    /** Hunts each share here, each part passed through Java serialization as a cluster would pass it. */
    private static final class InProcess implements ShareRunner {
        final ScanRequest request;
        final int width;
        final List<List<String>> shares = new ArrayList<>();
        final List<SharePart> parts = new ArrayList<>();

        InProcess(ScanRequest request, int width) {
            this.request = request;
            this.width = width;
        }

        @Override
        public int width() {
            return width;
        }

        @Override
        public List<SharePart> run(List<List<String>> given) throws IOException {
            for (List<String> share : given) {
                shares.add(share);
                parts.add(travelled(ShareHunt.run(request, share, 1)));
            }
            return parts;
        }

        @Override
        public void close() {
        }
    }

    private static SharePart travelled(SharePart p) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(p);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (SharePart) in.readObject();
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
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
    void sharesHuntedApartGiveTheSameFindingsIncidentsAndReport() throws Exception {
        ScanRequest request = examples();
        ScanOutcome whole = ScanPipeline.run(request);
        InProcess runner = new InProcess(request, 3);
        ScanOutcome split = ScanPipeline.run(request, Progress.NONE, runner);

        assertEquals(3, runner.shares.size());
        assertEquals(whole.findings(), split.findings());
        assertEquals(whole.pivot().incidents(), split.pivot().incidents());
        assertEquals(whole.report().sections(), split.report().sections());
        assertEquals(whole.hunt().problems(), split.hunt().problems());
        // the IOC and YARA findings came from the shares, not from this process's own pass
        List<Finding> fromShares = runner.parts.stream().flatMap(p -> p.findings().stream()).toList();
        // (by id: the host identity is given after the hunt, to every finding alike)
        assertTrue(whole.findings().stream().map(Finding::id).toList().containsAll(fromShares.stream().map(Finding::id).toList()));
        assertTrue(fromShares.stream().allMatch(f -> f.detector().equals("yara") || f.detector().equals("ioc")));
        // the built-in pack's feeds are its own detector's, hunted here: no share finding comes from them
        assertTrue(fromShares.stream().noneMatch(f -> String.valueOf(f.details().get("feed")).startsWith("builtin:")));
        // examples/README.md: the China Chopper shell in the web root copy, found by the signature-base rule
        assertTrue(fromShares.stream().anyMatch(f -> f.rule().id().equals("ChinaChopper_Generic")
                && f.evidence().path().endsWith("webroot-copy.zip!/inetpub/wwwroot/aspnet_client/system_web/log.aspx")), fromShares::toString);
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
