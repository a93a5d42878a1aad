package dwell.exchange.pack;

import dwell.hunt.Detector;
import java.util.List;

/** The exchange pack's code detectors (what Sigma cannot express), fresh for one scan. */
public final class ExchangeCodeChecks {
    private ExchangeCodeChecks() {
    }

    /** New instances: the log coverage check keeps per-scan state. */
    public static List<Detector> create(CheckRules rules) {
        return List.of(new OabDownloadCheck(rules), new EcpVirtualDirectoryCheck(rules),
                new LogCoverageCheck(rules), new ExchangeFileChecks(rules));
    }
}
