package dwell.hunt;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * One detection: what matched (detector and rule), when, on which host, where the evidence is,
 * the matched event's fields and the indicators it reveals. {@code details} holds detector-specific
 * facts (matched strings, the IOC hit, a pivot's origin) and may be empty.
 */
public record Finding(String id, Instant time, String detector, RuleRef rule, String host, EvidenceRef evidence,
                      Map<String, String> event, List<Indicator> indicators, Map<String, Object> details) implements java.io.Serializable {

    /** Builds a finding whose id is stable: the same detector, rule and evidence position give the same id. */
    public static Finding of(Instant time, String detector, RuleRef rule, String host, EvidenceRef evidence,
                             Map<String, String> event, List<Indicator> indicators, Map<String, Object> details) {
        return new Finding(stableId(detector, rule.id(), evidence), time, detector, rule, host, evidence,
                event, indicators, details);
    }

    static String stableId(String detector, String ruleId, EvidenceRef e) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            String key = detector + '\0' + ruleId + '\0' + e.path() + '\0' + e.sha256() + '\0' + e.line() + '\0' + e.record();
            byte[] h = md.digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 8);
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
