package dwell.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The thresholds are data: the shipped ones load, and a file missing or misspelling one is refused by name. */
class TrafficConfigTest {
    private static TrafficConfig.Thresholds read(String yaml) throws IOException {
        return TrafficConfig.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), TrafficConfig.Thresholds.class);
    }

    @Test
    void shippedThresholds() {
        TrafficConfig.Thresholds t = TrafficConfig.builtin().thresholds();
        assertEquals(600, t.flood().minPerMinute());
        assertEquals(20, t.spray().minAccounts());
        assertEquals(100, t.bruteForce().minAttempts());
        assertEquals(24, t.success().followHours());
        assertTrue(TrafficConfig.builtin().webLogs().formats().keySet().containsAll(
                java.util.Set.of("iis-w3c", "exchange-httpproxy", "access-combined")));
    }

    @Test
    void missingThresholdIsNamed() {
        IOException e = assertThrows(IOException.class, () -> read("flood: {min_per_minute: 1}\n"));
        assertTrue(e.getMessage().contains("factor"), e.getMessage());
    }

    @Test
    void unknownThresholdIsNamed() throws IOException {
        String shipped;
        try (var in = TrafficConfig.class.getResourceAsStream("/dwell/traffic/thresholds.yaml")) {
            shipped = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertEquals(TrafficConfig.builtin().thresholds(), read(shipped));
        IOException e = assertThrows(IOException.class, () -> read(shipped.replace("  factor: 8", "  factor: 8\n  factr: 8")));
        assertTrue(e.getMessage().contains("factr"), e.getMessage());
    }

    @Test
    void everyRuleHasItsMeta() {
        for (String id : new String[] {"traffic.flood", "traffic.password-spray", "traffic.brute-force", "traffic.spray-success"}) {
            assertEquals(id, TrafficRules.of(id).id());
            assertTrue(!TrafficRules.of(id).title().isEmpty() && !TrafficRules.of(id).tags().isEmpty(), id);
        }
        assertEquals(dwell.hunt.Level.CRITICAL, TrafficRules.of("traffic.spray-success").level());
    }
}
