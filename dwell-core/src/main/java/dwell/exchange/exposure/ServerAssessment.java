package dwell.exchange.exposure;

import dwell.exchange.build.Product;
import java.util.List;
import java.util.Map;

/**
 * The exposure of one server: build as observed, product, CU and security update (null when unknown),
 * certainty, status, the vulnerabilities it is exposed to, and the action to take. {@code buildKnown} is false
 * when the build is not in the build list and was placed by {@code placedBy}, its nearest lower known release.
 */
public record ServerAssessment(String name, String build, Product product, String cu, String su,
                               Certainty certainty, Status status, List<VulnerabilityExposure> vulnerabilities,
                               String action, boolean buildKnown, String placedBy, String source,
                               Map<String, String> attributes, List<String> notes) {
    public ServerAssessment {
        vulnerabilities = List.copyOf(vulnerabilities);
        attributes = Map.copyOf(attributes);
        notes = List.copyOf(notes);
    }
}
