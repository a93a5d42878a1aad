package dwell.exchange.pack;

import dwell.hunt.Detector;
import java.io.InputStream;
import java.util.List;

/**
 * dwell's built-in Exchange compromise pack: Test-ProxyLogon's checks and the published Hafnium/ProxyShell
 * tradecraft as Sigma rules, code checks and an IOC feed, all shipped as resources under
 * {@code /dwell/builtin/exchange/}. {@code dwell scan} enables it unless {@code --no-builtin}.
 */
public final class ExchangePack {
    static final String ROOT = "/dwell/builtin/exchange/";
    /** Folder of the pack's Sigma rules. */
    public static final String SIGMA = ROOT + "sigma/";
    /** Folder of the pack's IOC feeds. */
    public static final String IOCS = ROOT + "iocs/";

    private ExchangePack() {
    }

    /** The pack's code detectors, new for one scan (detector id {@code exchange}). */
    public static List<Detector> codeDetectors() {
        return ExchangeCodeChecks.create(CheckRules.load());
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
