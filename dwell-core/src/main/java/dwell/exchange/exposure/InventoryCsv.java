package dwell.exchange.exposure;

import dwell.exchange.build.BoundedLines;
import dwell.exchange.build.CsvLine;
import dwell.exchange.build.ExchangeBuild;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a Get-ExchangeServer export ({@code Export-Csv}): one server a row, {@code Name} and
 * {@code AdminDisplayVersion} (e.g. {@code Version 15.1 (Build 2106.2)}) required, {@code Edition} and
 * {@code ServerRole} kept when present. AdminDisplayVersion shows the CU only, so certainty is cu-only.
 * A row whose version is no build becomes an observation without build (status unknown), never an error.
 */
public final class InventoryCsv {
    static final int MAX_LINE = 64 * 1024;
    /** Far above any real organisation's Exchange server count; keeps a hostile file from exhausting memory. */
    static final int MAX_ROWS = 100_000;
    private static final List<String> KEPT = List.of("Edition", "ServerRole", "Site", "Fqdn");

    private InventoryCsv() {
    }

    /** Reads the file; throws when it is unreadable or has no Name/AdminDisplayVersion columns. */
    public static List<Observation> read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        }
    }

    public static List<Observation> read(InputStream in, String source) throws IOException {
        BoundedLines lines = new BoundedLines(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), MAX_LINE);
        List<String> header = null;
        int lineNo = 0;
        List<Observation> out = new ArrayList<>();
        BoundedLines.Line line;
        while ((line = lines.next()) != null) {
            lineNo++;
            String text = line.text().replace("\uFEFF", "");
            if (text.isBlank() || text.startsWith("#TYPE") || text.startsWith("#")) continue;
            if (header == null) {
                header = CsvLine.split(text);
                if (index(header, "AdminDisplayVersion") < 0 || index(header, "Name") < 0) {
                    throw new IOException(source + ": not a Get-ExchangeServer export (needs Name and AdminDisplayVersion columns)");
                }
                continue;
            }
            if (out.size() == MAX_ROWS) throw new IOException(source + ": more than " + MAX_ROWS + " servers: not an inventory");
            out.add(row(header, CsvLine.split(text), line.truncated(), source + ":" + lineNo));
        }
        if (header == null) throw new IOException(source + ": empty inventory");
        return out;
    }

    /** True if a CSV header (already split) is a Get-ExchangeServer export. */
    public static boolean isInventoryHeader(List<String> header) {
        return index(header, "AdminDisplayVersion") >= 0 && index(header, "Name") >= 0;
    }

    /** One observation from named fields (CSV columns or an event's fields). */
    public static Observation observation(Map<String, String> fields, String source) {
        String name = get(fields, "Name");
        String version = get(fields, "AdminDisplayVersion");
        Map<String, String> attrs = new LinkedHashMap<>();
        for (String k : KEPT) {
            String v = get(fields, k);
            if (v != null && !v.isBlank()) attrs.put(k.toLowerCase(Locale.ROOT), v.strip());
        }
        List<String> notes = new ArrayList<>();
        if (name == null || name.isBlank()) {
            notes.add("row without a server name");
            name = "(unnamed, " + source + ")";
        }
        ExchangeBuild build = version == null ? null : ExchangeBuild.parse(version).orElse(null);
        if (build == null) notes.add("AdminDisplayVersion '" + (version == null ? "" : version) + "' is no build number");
        return new Observation(name.strip(), version == null ? "" : version.strip(), build, Certainty.CU_ONLY, source, attrs, notes);
    }

    private static Observation row(List<String> header, List<String> cells, boolean truncated, String source) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < header.size() && i < cells.size(); i++) fields.put(header.get(i), cells.get(i));
        Observation o = observation(fields, source);
        if (!truncated) return o;
        List<String> notes = new ArrayList<>(o.notes());
        notes.add("line longer than " + MAX_LINE + " characters: cut");
        return new Observation(o.name(), o.version(), o.build(), o.certainty(), o.source(), o.attributes(), notes);
    }

    private static String get(Map<String, String> fields, String name) {
        String v = fields.get(name);
        if (v != null) return v;
        for (Map.Entry<String, String> e : fields.entrySet()) {
            if (e.getKey().strip().equalsIgnoreCase(name)) return e.getValue();
        }
        return null;
    }

    private static int index(List<String> header, String name) {
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).replace("\uFEFF", "").strip().equalsIgnoreCase(name)) return i;
        }
        return -1;
    }
}
