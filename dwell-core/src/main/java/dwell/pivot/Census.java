package dwell.pivot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dwell.event.Event;
import dwell.event.FieldRole;
import dwell.event.FormatId;
import dwell.format.csv.CsvLog;
import dwell.format.evtx.EvtxLog;
import dwell.format.json.JsonLog;
import dwell.hunt.SummingDetector;
import dwell.hunt.FindingSink;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the first pass learns about the evidence beside findings: the hosts each item names, which spellings name
 * one host ({@code dwell/pivot/hosts.yaml}), which account names are well-known principals (seen with their SID)
 * and which hashes are of operating-system files (seen with the file they were taken of). Fed as a detector that
 * emits nothing; thread-safe.
 */
public final class Census implements SummingDetector {
    /** Items naming more hosts than this are mixed collections: which hosts they name no longer matters. */
    private static final int MAX_HOSTS_PER_ITEM = 64;

    private final PivotFields fields;
    private final Exclusions exclusions;
    private final List<String> hashFields;
    /** The fields naming a hashed file, by role in order of precedence. */
    private final List<List<String>> hashedFileFields = new ArrayList<>();
    private final List<String[]> aliasFields = new ArrayList<>();
    private final Map<String, Set<String>> hostsByItem = new ConcurrentHashMap<>();
    private final Set<List<String>> aliases = ConcurrentHashMap.newKeySet();
    private final Set<String> principals = ConcurrentHashMap.newKeySet();
    private final Set<String> systemHashes = ConcurrentHashMap.newKeySet();
    /** The last (item, host) this thread recorded: an item's events nearly always repeat one host. */
    private final ThreadLocal<String[]> last = ThreadLocal.withInitial(() -> new String[2]);

    public Census(PivotFields fields, Exclusions exclusions) {
        this.fields = fields;
        this.exclusions = exclusions;
        this.hashFields = fields.fieldsOf(Kind.HASH);
        for (FieldRole r : exclusions.hashedFileRoles()) hashedFileFields.add(fields.roles().fieldsOf(r));
        try (InputStream in = Census.class.getResourceAsStream("/dwell/pivot/hosts.yaml")) {
            JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(in);
            root.path("aliases").forEach(p -> aliasFields.add(new String[] {p.get(0).asText(), p.get(1).asText()}));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String id() {
        return "census";
    }

    @Override
    public void onEvent(Event e, FindingSink sink) {
        String host = e.host();
        String item = e.provenance() == null ? null : e.provenance().item();
        if (host != null && item != null && !host.isBlank()) {
            String[] l = last.get();
            if (!item.equals(l[0]) || !host.equals(l[1])) {
                l[0] = item;
                l[1] = host;
                Set<String> hosts = hostsByItem.computeIfAbsent(item, k -> ConcurrentHashMap.newKeySet());
                if (hosts.size() < MAX_HOSTS_PER_ITEM) hosts.add(host.strip());
            }
        }
        // the facts below live in Windows event data, which web logs never carry
        FormatId f = e.format();
        if (f != EvtxLog.ID && f != JsonLog.ID && f != CsvLog.ID) return;
        for (String[] pair : aliasFields) {
            String a = e.get(pair[0]);
            String b = e.get(pair[1]);
            if (a != null && b != null && !a.isBlank() && !b.isBlank()) aliases.add(List.of(a.strip(), b.strip()));
        }
        exclusions.sidFields().forEach((accountField, sidFields) -> {
            String name = e.get(accountField);
            if (name == null || name.isBlank()) return;
            for (String sf : sidFields) {
                String sid = e.get(sf);
                if (sid != null && exclusions.wellKnownSid(sid)) principals.add(name.strip().toLowerCase(Locale.ROOT));
            }
        });
        for (String hf : hashFields) {
            String hashes = e.get(hf);
            if (hashes == null) continue;
            String file = hashedFile(e);
            if (file != null && exclusions.inSystemLocation(file)) PivotFields.hashes(hashes, systemHashes::add);
        }
    }

    /** The file an event's hashes were taken of: its first field of the first hashed-file role it has. */
    private String hashedFile(Event e) {
        for (List<String> names : hashedFileFields) {
            for (String n : names) {
                String file = e.get(n);
                if (file != null && !file.isBlank()) return file;
            }
        }
        return null;
    }

    /** What one share's census saw, in the forms its accessors give. */
    record Part(Map<String, Set<String>> hostsByItem, List<List<String>> aliases, Set<String> principals,
                Set<String> systemHashes) implements Serializable {
    }

    @Override
    public Census blank() {
        return new Census(fields, exclusions);
    }

    @Override
    public Serializable part() {
        return new Part(hostsByItem(), aliases(), principals(), systemHashes());
    }

    /** Unions: an item lies in one share, so its host cap is met as it would be in one process. */
    @Override
    public void merge(Serializable part) {
        Part p = (Part) part;
        p.hostsByItem().forEach((item, hosts) -> {
            Set<String> mine = hostsByItem.computeIfAbsent(item, k -> ConcurrentHashMap.newKeySet());
            for (String h : hosts) if (mine.size() < MAX_HOSTS_PER_ITEM) mine.add(h);
        });
        aliases.addAll(p.aliases());
        principals.addAll(p.principals());
        systemHashes.addAll(p.systemHashes());
    }

    /** The host names each item's events carry, items in path order. */
    public Map<String, Set<String>> hostsByItem() {
        Map<String, Set<String>> out = new TreeMap<>();
        hostsByItem.forEach((k, v) -> out.put(k, new TreeSet<>(v)));
        return out;
    }

    /** Pairs of spellings seen naming one host. */
    public List<List<String>> aliases() {
        List<List<String>> out = new ArrayList<>(aliases);
        out.sort(java.util.Comparator.comparing((List<String> p) -> p.get(0)).thenComparing(p -> p.get(1)));
        return out;
    }

    /** Account and group names seen with a well-known SID, lower-cased. */
    public Set<String> principals() {
        return Set.copyOf(principals);
    }

    /** Hashes seen taken of files in system locations, lower-cased. */
    public Set<String> systemHashes() {
        return Set.copyOf(systemHashes);
    }
}
