package dwell.serve;

import dwell.casefile.Triage;
import dwell.casefile.TriageStatus;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The findings a list asks for: each facet a set of accepted values (empty: any), a text to find in the finding, a
 * time window and a page. Parsed from query parameters; a value that cannot mean anything is refused.
 */
record FindingFilter(Map<Facet, List<String>> facets, String text, Instant since, Instant until, String incident,
                     long offset, int limit) {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    /** What a list can be narrowed by, and the column of findings {@code f} each counts and matches. */
    enum Facet {
        LEVEL("level", "f.level"),
        DETECTOR("detector", "f.detector"),
        RULE("rule", "f.rule_title"),
        HOST("host", "coalesce(f.host, '-')"),
        TECHNIQUE("technique", null),
        STATUS("status", null);

        final String param;
        /** The column a facet counts and matches; a technique is a tag inside f.tags, a status the latest triage row. */
        final String column;

        Facet(String param, String column) {
            this.param = param;
            this.column = column;
        }
    }

    /** A WHERE clause and the values of its {@code ?}s, in order. */
    record Where(String sql, List<Object> params) {
    }

    FindingFilter {
        if (since != null && until != null && since.isAfter(until)) throw new IllegalArgumentException("since is after until");
    }

    static FindingFilter parse(Map<String, List<String>> query) {
        Map<Facet, List<String>> facets = new java.util.EnumMap<>(Facet.class);
        for (Facet f : Facet.values()) {
            List<String> values = new ArrayList<>();
            for (String v : query.getOrDefault(f.param, List.of())) if (!v.isEmpty()) values.add(v);
            if (f == Facet.STATUS) values.forEach(TriageStatus::parse);
            if (f == Facet.TECHNIQUE) values.replaceAll(v -> v.toLowerCase(Locale.ROOT).replaceFirst("^attack\\.", ""));
            if (!values.isEmpty()) facets.put(f, List.copyOf(values));
        }
        String q = one(query, "q");
        long offset = number(query, "offset", 0, Long.MAX_VALUE / 2);
        int limit = (int) number(query, "limit", DEFAULT_LIMIT, MAX_LIMIT);
        return new FindingFilter(facets, q == null || q.isBlank() ? null : q, time(one(query, "since"), false),
                time(one(query, "until"), true), one(query, "incident"), offset, limit);
    }

    /** The conditions on the findings of run {@code run}, all facets but {@code except} (null: all of them). */
    Where where(int run, Facet except) {
        StringBuilder sql = new StringBuilder("f.last_run = ?");
        List<Object> params = new ArrayList<>(List.of(run));
        for (Map.Entry<Facet, List<String>> e : facets.entrySet()) {
            if (e.getKey() == except) continue;
            sql.append(" AND (");
            for (int i = 0; i < e.getValue().size(); i++) {
                if (i > 0) sql.append(" OR ");
                String v = e.getValue().get(i);
                switch (e.getKey()) {
                    case TECHNIQUE -> {
                        sql.append("contains(lower(f.tags), ?)");
                        params.add("\"attack." + v + "\"");
                    }
                    // a semi-join on the few decided findings, not a join of every finding to its decisions
                    case STATUS -> {
                        if (v.equals(TriageStatus.NEEDS_REVIEW.id())) {
                            sql.append("f.id NOT IN (SELECT finding_id FROM " + Triage.CURRENT + " WHERE status <> ?)");
                        } else {
                            sql.append("f.id IN (SELECT finding_id FROM " + Triage.CURRENT + " WHERE status = ?)");
                        }
                        params.add(v);
                    }
                    default -> {
                        sql.append(e.getKey().column).append(" = ?");
                        params.add(v);
                    }
                }
            }
            sql.append(')');
        }
        if (text != null) {
            // the whole event as stored, the rule, the evidence path and the host: what an analyst may remember of it
            sql.append(" AND (contains(lower(f.event), ?) OR contains(lower(f.rule_title), ?) OR contains(lower(f.path), ?) "
                    + "OR contains(lower(coalesce(f.host, '')), ?) OR f.id = ?)");
            String t = text.toLowerCase(Locale.ROOT);
            params.addAll(List.of(t, t, t, t, text));
        }
        if (since != null) {
            sql.append(" AND f.time >= ?");
            params.add(timestamp(since));
        }
        if (until != null) {
            sql.append(" AND f.time <= ?");
            params.add(timestamp(until));
        }
        if (incident != null) {
            sql.append(" AND f.id IN (SELECT unnest(from_json(findings, '[\"VARCHAR\"]')) FROM incidents WHERE run_id = ? AND id = ?)");
            params.add(run);
            params.add(incident);
        }
        return new Where(sql.toString(), params);
    }

    private static String one(Map<String, List<String>> query, String name) {
        List<String> v = query.getOrDefault(name, List.of());
        if (v.size() > 1) throw new IllegalArgumentException(name + " given more than once");
        return v.isEmpty() || v.get(0).isEmpty() ? null : v.get(0);
    }

    private static long number(Map<String, List<String>> query, String name, long absent, long max) {
        String v = one(query, name);
        if (v == null) return absent;
        try {
            long n = Long.parseLong(v);
            if (n < 0 || n > max) throw new IllegalArgumentException(name + " must be 0 to " + max + ", not " + v);
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " is not a number: " + v);
        }
    }

    /** An ISO-8601 UTC time, or a date: as {@code until}, a date means the end of that day. */
    static Instant time(String v, boolean endOfDay) {
        if (v == null) return null;
        try {
            if (v.length() == 10) {
                LocalDate d = LocalDate.parse(v);
                return endOfDay ? d.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusNanos(1000) : d.atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not an ISO-8601 UTC time or date: " + v);
        }
    }

    private static Timestamp timestamp(Instant t) {
        return Timestamp.valueOf(LocalDateTime.ofInstant(t, ZoneOffset.UTC));
    }
}
