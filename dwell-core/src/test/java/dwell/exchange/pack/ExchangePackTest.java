package dwell.exchange.pack;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dwell.hunt.EvidenceRef;
import dwell.hunt.Finding;
import dwell.hunt.Level;
import dwell.hunt.RuleRef;
import dwell.sigma.LogsourceMapping;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which findings are the pack's own: only those may prove exploitation of a CVE. */
class ExchangePackTest {
    static final ExchangePack PACK = ExchangePack.create(LogsourceMapping.builtin());

    static Finding finding(String detector, String ruleId, Map<String, String> meta) {
        return Finding.of(null, detector, new RuleRef(ruleId, "t", Level.HIGH, List.of("cve.2021-26855"), meta), "EXCH01",
                new EvidenceRef("x.log", null, "iis-w3c", 1, 0), Map.of(), List.of(), Map.of());
    }

    @Test
    void thePacksRulesChecksAndFeedsAreItsOwn() {
        String packRule = PACK.rules().rules().get(0).id();
        assertTrue(PACK.produced(finding("sigma", packRule, Map.of())));
        assertTrue(PACK.produced(finding("exchange", "4468761b-5868-4526-87da-f9f0d5545501", Map.of())));
        String feed = PACK.iocFeeds().get(0).feed();
        assertTrue(feed.startsWith("builtin:exchange/"), feed);
        assertTrue(PACK.produced(finding("ioc", "hafnium-2021.csv:18", Map.of("feed", feed))));
    }

    @Test
    void aUsersRulesAndFeedsAreNot() {
        assertFalse(PACK.produced(finding("sigma", "a-sigmahq-rule-id", Map.of())));
        // a user's feed with the same file name as the pack's
        assertFalse(PACK.produced(finding("ioc", "hafnium-2021.csv:18", Map.of("feed", "iocs/hafnium-2021.csv"))));
        assertFalse(PACK.produced(finding("ioc", "x:1", Map.of())));
        assertFalse(PACK.produced(finding("yara", "china_chopper_eval", Map.of())));
        assertFalse(PACK.produced(finding("correlation", PACK.rules().rules().get(0).id(), Map.of())));
        assertFalse(PACK.produced(finding("exposure", "exposure.cve-2021-26855", Map.of())));
        assertFalse(PACK.produced(finding("pivot", "dwell-pivot-ip", Map.of())));
    }
}
