package dwell.hunt;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A run's findings with unique ids, so that everything that counts them (terminal, summary.json, the case file,
 * which keys findings by id, and the reports read from it) counts the same ones. Findings equal in every part
 * (one record read twice: a live EVTX record and its copy in slack space) are one finding; distinct findings that
 * share an id (two events at one evidence position) stay apart, the later ones under an id derived from the
 * shared one and their rank, and both are said in {@link #note()}.
 */
record UniqueFindings(List<Finding> findings, int merged, int renamed) {
    /** The findings of {@code ordered} (in {@link HuntEngine#ORDER}) with unique ids, still in that order. */
    static UniqueFindings of(List<Finding> ordered) {
        Set<String> ids = new HashSet<>(ordered.size() * 2);
        for (Finding f : ordered) ids.add(f.id());
        if (ids.size() == ordered.size()) return new UniqueFindings(List.copyOf(ordered), 0, 0);
        Map<String, List<Finding>> kept = new HashMap<>(ids.size() * 2);
        List<Finding> out = new ArrayList<>(ids.size());
        int merged = 0;
        int renamed = 0;
        for (Finding f : ordered) {
            List<Finding> same = kept.computeIfAbsent(f.id(), k -> new ArrayList<>(1));
            if (same.contains(f)) {
                merged++;
                continue;
            }
            same.add(f);
            if (same.size() == 1) {
                out.add(f);
                continue;
            }
            String id = derivedId(f.id(), same.size());
            for (int extra = 1; !ids.add(id); extra++) id = derivedId(f.id(), same.size() + "." + extra);
            out.add(new Finding(id, f.time(), f.detector(), f.rule(), f.host(), f.evidence(), f.event(), f.indicators(),
                    f.details()));
            renamed++;
        }
        if (renamed > 0) out.sort(HuntEngine.ORDER);
        return new UniqueFindings(List.copyOf(out), merged, renamed);
    }

    /** What was merged or renamed, for the run's problems; null when nothing was. */
    String note() {
        if (merged == 0 && renamed == 0) return null;
        List<String> parts = new ArrayList<>(2);
        if (merged > 0) {
            parts.add(merged + " finding(s) repeated another in every part (the same record read twice) and were merged");
        }
        if (renamed > 0) {
            parts.add(renamed + " finding(s) shared the id of a distinct finding at the same evidence position and were "
                    + "given ids of their own");
        }
        return String.join("; ", parts);
    }

    private static String derivedId(String id, Object rank) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest((id + '\0' + rank).getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(h, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
