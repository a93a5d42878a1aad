package dwell.exchange.exposure;

import dwell.hunt.Finding;
import dwell.hunt.Level;
import dwell.hunt.RuleRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * The scan stage that weighs exposure against what the hunt proved: a server's exposure to a CVE becomes
 * {@code critical} when an exploitation check on the same server ({@link ServerName}) found that CVE exploited,
 * that is a finding of level high or more tagged with it ({@code cve.2021-26855}) and accepted by
 * {@code exploitationCheck} (the built-in pack's checks). The exposure finding keeps its id and time, its title
 * says so, it gains the tag {@code exposure.exploited}, and its details name the proof: {@code exploited_on_server},
 * {@code level_before_proof}, {@code proof_count}, {@code first_proof} and {@code proven_by} (the first
 * {@value #MAX_REFERENCES} proving findings in the findings' order: id, time, detector, rule, title, level, host).
 * Findings without a host prove nothing about a server. Runs after the hunt, on all its findings, before any
 * level filter (a proof below the reported level still counts).
 */
public final class ProvenExposure implements UnaryOperator<List<Finding>> {
    /** Proving findings listed in an exposure finding's details; the count covers them all. */
    public static final int MAX_REFERENCES = 20;
    static final String DETECTOR = "exposure";
    static final String TAG = "exposure.exploited";

    private final Predicate<Finding> exploitationCheck;

    /** {@code exploitationCheck}: whether a finding comes from checks whose CVE tags claim exploitation. */
    public ProvenExposure(Predicate<Finding> exploitationCheck) {
        this.exploitationCheck = exploitationCheck;
    }

    /** The findings with each exposure proven exploited on its server raised; the order is kept. */
    @Override
    public List<Finding> apply(List<Finding> findings) {
        Map<String, List<Finding>> proofs = new HashMap<>();
        for (Finding f : findings) {
            if (!isProof(f)) continue;
            for (String tag : f.rule().tags()) {
                if (tag.startsWith("cve.")) proofs.computeIfAbsent(key(f.host(), tag), k -> new ArrayList<>()).add(f);
            }
        }
        if (proofs.isEmpty()) return findings;
        List<Finding> out = new ArrayList<>(findings.size());
        for (Finding f : findings) out.add(f.detector().equals(DETECTOR) ? raised(f, proofs) : f);
        return out;
    }

    private boolean isProof(Finding f) {
        return !f.detector().equals(DETECTOR) && f.host() != null && !f.host().isBlank() && f.rule().level() != null
                && f.rule().level().compareTo(Level.HIGH) >= 0 && exploitationCheck.test(f);
    }

    private static String key(String host, String cveTag) {
        return ServerName.key(host) + '\0' + cveTag;
    }

    private static Finding raised(Finding exposure, Map<String, List<Finding>> proofs) {
        if (exposure.host() == null) return exposure;
        for (String tag : exposure.rule().tags()) {
            List<Finding> proven = tag.startsWith("cve.") ? proofs.get(key(exposure.host(), tag)) : null;
            if (proven != null) return raised(exposure, proven);
        }
        return exposure;
    }

    private static Finding raised(Finding exposure, List<Finding> proven) {
        RuleRef r = exposure.rule();
        List<String> tags = new ArrayList<>(r.tags());
        tags.add(TAG);
        RuleRef rule = new RuleRef(r.id(), r.title() + " - exploited on this server", Level.CRITICAL, tags, r.meta());
        Map<String, Object> details = new LinkedHashMap<>(exposure.details());
        details.put("exploited_on_server", true);
        details.put("level_before_proof", r.level() == null ? null : r.level().id());
        details.put("proof_count", proven.size());
        details.put("first_proof", proven.stream().map(Finding::time).filter(Objects::nonNull).min(Comparator.naturalOrder())
                .map(Instant::toString).orElse(null));
        List<Map<String, Object>> refs = new ArrayList<>();
        for (Finding p : proven.subList(0, Math.min(MAX_REFERENCES, proven.size()))) refs.add(reference(p));
        details.put("proven_by", refs);
        return new Finding(exposure.id(), exposure.time(), exposure.detector(), rule, exposure.host(), exposure.evidence(),
                exposure.event(), exposure.indicators(), details);
    }

    private static Map<String, Object> reference(Finding p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.id());
        m.put("time", p.time() == null ? null : p.time().toString());
        m.put("detector", p.detector());
        m.put("rule", p.rule().id());
        m.put("title", p.rule().title());
        m.put("level", p.rule().level().id());
        m.put("host", p.host());
        return m;
    }
}
