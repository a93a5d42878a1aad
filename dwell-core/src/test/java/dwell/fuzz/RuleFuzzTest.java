package dwell.fuzz;

import static dwell.fuzz.FuzzTargets.UNTIL_STOPPED;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dwell.ioc.IocFeeds;
import dwell.ioc.stix.StixParser;
import dwell.ioc.stix.StixPatternException;
import dwell.sigma.RuleLoader;
import dwell.sigma.RuleSet;
import dwell.yara.YaraCompiler;
import dwell.yara.YaraRules;
import dwell.yara.YaraScanner;
import dwell.yara.YaraSyntaxError;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Fuzz targets of the rule and indicator parsers, whose input comes from outside (a feed, a colleague, a
 * downloaded pack): a bad rule is rejected with a reason, never a crash or a hang.
 */
class RuleFuzzTest {
    /** Rules that once made scans hang, and plain ones; the YARA scanner target runs them over its input. */
    private static final YaraRules SCAN_RULES = scanRules();

    private static YaraRules scanRules() {
        try {
            Path rules = Path.of(RuleFuzzTest.class.getResource("/dwell/fuzz/scan-rules.yar").toURI());
            return YaraRules.compile(List.of(rules), Map.of());
        } catch (Exception e) {
            throw new IllegalStateException("the fuzz scan rules must compile", e);
        }
    }

    @FuzzTest(maxDuration = UNTIL_STOPPED)
    void sigma(byte[] data) {
        RuleSet set = new RuleLoader().loadText("fuzz.yml", new String(data, StandardCharsets.UTF_8));
        set.rejected().forEach(d -> {
            // "cannot load: java.lang..." is how the loader survives its own failure: for the fuzzer, a finding
            if (d.reason().isEmpty() || d.reason().startsWith("cannot load: java.")) throw new IllegalStateException(d.toString());
        });
    }

    /** Compiles the input as rules and, when it compiles, scans the input with them. */
    @FuzzTest(maxDuration = UNTIL_STOPPED)
    void yaraCompiler(byte[] data) {
        YaraCompiler c = new YaraCompiler().addSource(new String(data, StandardCharsets.ISO_8859_1), "fuzz.yar");
        if (!c.errors().isEmpty()) return;
        try {
            new YaraScanner(c.build()).timeout(20).scan(data);
        } catch (YaraSyntaxError e) {
            // rejected while building: a reason, as wanted
        }
    }

    @FuzzTest(maxDuration = UNTIL_STOPPED)
    void yaraScanner(byte[] data) {
        new YaraScanner(SCAN_RULES).timeout(20).scan(data);
    }

    @FuzzTest(maxDuration = UNTIL_STOPPED)
    void stixPattern(byte[] data) {
        try {
            StixParser.parse(new String(data, StandardCharsets.UTF_8));
        } catch (StixPatternException e) {
            // rejected with a reason
        }
    }

    /** A feed reader that fails inside is reported as "cannot read: java.lang...": for the fuzzer, a finding. */
    private static void feed(String fileName, byte[] data) {
        IocFeeds.loadStream("fuzz", fileName, new ByteArrayInputStream(data), ioc -> { }).rejected().forEach(d -> {
            if (d.reason().startsWith("cannot read: java.lang.")) throw new IllegalStateException(d.toString());
        });
    }

    @FuzzTest(maxDuration = UNTIL_STOPPED)
    void stixFeed(byte[] data) {
        feed("fuzz.json", data);
    }

    @FuzzTest(maxDuration = UNTIL_STOPPED)
    void mispFeed(byte[] data) {
        feed("misp-event.json", data);
    }

    @FuzzTest(maxDuration = UNTIL_STOPPED)
    void lokiFeed(byte[] data) {
        feed("c2-iocs.txt", data);
    }

    @FuzzTest(maxDuration = UNTIL_STOPPED)
    void csvFeed(byte[] data) {
        feed("iocs.csv", data);
    }
}
