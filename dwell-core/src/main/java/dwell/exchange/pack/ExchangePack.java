package dwell.exchange.pack;

import dwell.hunt.Detector;
import dwell.hunt.Finding;
import dwell.sigma.CorrelationRule;
import dwell.sigma.LogsourceMapping;
import dwell.hunt.Diagnostic;
import dwell.sigma.RuleLoader;
import dwell.sigma.RuleSet;
import dwell.sigma.SigmaDetector;
import dwell.sigma.SigmaFilter;
import dwell.sigma.SigmaRule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * dwell's built-in Exchange compromise pack: Test-ProxyLogon's checks and the published Hafnium, ProxyShell
 * and ProxyNotShell tradecraft as Sigma rules (run by the Sigma engine, detector {@code sigma}), code checks
 * (detector {@code exchange}) and IOC feeds, all shipped as resources under {@code /dwell/builtin/exchange/}.
 * {@code dwell scan} enables it unless {@code --no-builtin}.
 */
public final class ExchangePack {
    /** The detector id of the pack's code checks. */
    public static final String DETECTOR = "exchange";
    static final String ROOT = "/dwell/builtin/exchange/";
    /** Folder of the pack's Sigma rules. */
    public static final String SIGMA = ROOT + "sigma/";
    /** Folder of the pack's IOC feeds. */
    public static final String IOCS = ROOT + "iocs/";

    private final RuleSet rules;
    private final SigmaDetector sigma;
    private final LogCoverageCheck coverage;
    private final List<Detector> checks;
    private final PackIocDetector iocs;
    private final java.time.Instant exposureStart;
    private final Set<String> sigmaIds = new HashSet<>();
    private final Set<String> feedNames = new HashSet<>();

    private ExchangePack(RuleSet rules, SigmaDetector sigma, CheckRules checkRules) {
        this.rules = rules;
        rules.rules().forEach(r -> sigmaIds.add(r.id()));
        this.sigma = sigma;
        this.coverage = new LogCoverageCheck(checkRules);
        this.exposureStart = checkRules.exposureStart();
        this.iocs = sigma == null ? null : PackIocDetector.load(checkRules);
        if (iocs != null) iocs.feeds().forEach(f -> feedNames.add(f.feed()));
        this.checks = List.of(new OabDownloadCheck(checkRules), new EcpVirtualDirectoryCheck(checkRules), coverage,
                new ExchangeFileChecks(checkRules));
    }

    /** The pack for one scan (its detectors keep per-scan state), with the scan's logsource mapping. */
    public static ExchangePack create(LogsourceMapping mapping) {
        RuleSet rules = sigmaRules();
        return new ExchangePack(rules, new SigmaDetector(rules, mapping), CheckRules.load());
    }

    /** Every detector of the pack: its Sigma rules, the code checks, its IOC feeds. */
    public List<Detector> detectors() {
        List<Detector> all = new ArrayList<>();
        all.add(sigma);
        all.addAll(checks);
        all.add(iocs);
        return List.copyOf(all);
    }

    /**
     * True for a finding of this pack (its Sigma rules, code checks and IOC feeds; not a user's rules or feeds):
     * the pack's CVE tags are claims of exploitation, see {@link dwell.exchange.exposure.ProvenExposure}.
     */
    public boolean produced(Finding f) {
        return switch (f.detector()) {
            case DETECTOR -> true;
            case "sigma" -> sigmaIds.contains(f.rule().id());
            case "ioc" -> feedNames.contains(f.rule().meta().get("feed"));
            default -> false;
        };
    }

    /** The pack's Sigma rules as loaded (a rejected one is a defect the tests catch). */
    public RuleSet rules() {
        return rules;
    }

    public SigmaDetector sigma() {
        return sigma;
    }

    /** The pack's IOC feeds: loaded, rejected and (after the scan) seen, per feed. */
    public List<dwell.ioc.FeedStats> iocFeeds() {
        return iocs.feeds();
    }

    /** Per log series: how far the logs reach and whether they cover the exposure window's start. */
    public List<SeriesCoverage> logCoverage() {
        return coverage.coverage();
    }

    /** When ProxyLogon exploitation began (logs that start later cannot rule it out). */
    public java.time.Instant exposureStart() {
        return exposureStart;
    }

    /** The pack's Sigma rules, read from the resources its index lists. */
    public static RuleSet sigmaRules() {
        RuleLoader loader = new RuleLoader();
        List<SigmaRule> rules = new ArrayList<>();
        List<CorrelationRule> correlations = new ArrayList<>();
        List<SigmaFilter> filters = new ArrayList<>();
        List<Diagnostic> rejected = new ArrayList<>();
        int files = 0;
        for (String file : index(SIGMA)) {
            RuleSet one;
            try {
                one = loader.loadResource(SIGMA + file);
            } catch (IOException e) {
                throw new UncheckedIOException("built-in rule " + file + " missing", e);
            }
            rules.addAll(one.rules());
            correlations.addAll(one.correlations());
            filters.addAll(one.filters());
            rejected.addAll(one.rejected());
            files += one.files();
        }
        return new RuleSet(rules, correlations, filters, rejected, files);
    }

    /** The pack's code checks alone, new for one scan. */
    public static List<Detector> codeDetectors() {
        return new ExchangePack(new RuleSet(List.of(), List.of(), List.of(), List.of(), 0), null, CheckRules.load()).checks;
    }

    /** The file names an index lists ({@link #SIGMA} or {@link #IOCS}). */
    public static List<String> index(String folder) {
        return ResourceLists.lines(folder + "index.txt");
    }

    /** Opens one of the pack's resources, e.g. {@code open(SIGMA, "proc_lsass_dump.yml")}. */
    public static InputStream open(String folder, String file) {
        InputStream in = ExchangePack.class.getResourceAsStream(folder + file);
        if (in == null) throw new IllegalStateException("missing pack resource " + folder + file);
        return in;
    }
}
