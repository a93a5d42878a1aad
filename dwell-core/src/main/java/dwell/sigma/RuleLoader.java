package dwell.sigma;

import dwell.hunt.Diagnostic;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dwell.text.Nesting;
import dwell.event.LogSource;
import dwell.hunt.Level;
import dwell.rulecache.RuleCache;
import dwell.rulecache.StampedWalk;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;

/**
 * Loads Sigma rule files and directories: YAML files with one or more documents (detection rules, correlation
 * rules, meta filters; Sigma 1 {@code action: global/reset/repeat} collections). Every document that cannot be
 * loaded becomes a {@link Diagnostic} with its file, line and reason; the others load.
 */
public final class RuleLoader {
    /** A rule file larger than this is not a rule file. */
    static final int MAX_FILE_BYTES = 4 << 20;
    /** From this many files on, a load uses a second thread (a few files parse faster than a thread starts). */
    static final int PARALLEL_FILES = 64;

    private final Placeholders placeholders;
    private final DetectionParser detections;
    private final RuleCache cache;
    /** Made on first parse: a run served by the rule cache never loads the YAML parser. */
    private ObjectMapper yaml;

    /** A loader whose rule sets go through the run's installed {@link RuleCache}. */
    public RuleLoader(Placeholders placeholders) {
        this(placeholders, RuleCache.installed());
    }

    /** A loader keeping the rule sets it loads from files in {@code cache}, placeholders expanded. */
    public RuleLoader(Placeholders placeholders, RuleCache cache) {
        this.placeholders = placeholders;
        this.detections = new DetectionParser(placeholders);
        this.cache = cache;
    }

    private ObjectMapper yaml() {
        if (yaml == null) {
            YAMLFactory f = Nesting.limit(new YAMLFactory());
            f.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            yaml = new ObjectMapper(f);
        }
        return yaml;
    }

    public RuleLoader() {
        this(Placeholders.none());
    }

    /** Loads every .yml/.yaml file under the paths (files given directly load whatever their name). */
    public RuleSet load(List<Path> paths) throws IOException {
        // the stamps' key without the stamps (the code's stamp, the digest's first use: a cold JVM's ~15 ms) is made
        // on the second core while this one walks the folders
        SecondCore<Optional<RuleCache.Key>> keyStart = new SecondCore<>(cache.enabled() && paths.stream().anyMatch(Files::isDirectory),
                "dwell-sigma-key", () -> RuleSetCache.stampKeyStart(cache, placeholders));
        // stamped by the walk, before reading: a file changed while it is read shows other stamps next time
        StampedWalk walk = new StampedWalk();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                walk.folder(p, RuleLoader::isYaml);
            } else if (Files.exists(p)) {
                walk.file(p);
            } else {
                throw new IOException("no such rule file or directory: " + p);
            }
        }
        List<Path> files = walk.files();
        Optional<RuleCache.Key> stampKey = !cache.enabled() || files.isEmpty() ? Optional.empty()
                : walk.stamps().flatMap(s -> keyStart.join().map(k -> {
                    s.addTo(k);
                    return k;
                }));
        Optional<RuleCache.Key> named = stampKey.flatMap(k -> RuleSetCache.named(cache, k));
        Optional<RuleSet> stamped = named.flatMap(k -> RuleSetCache.read(cache, k));
        if (stamped.isPresent()) return stamped.get();
        List<RuleFile> read = files.stream().map(RuleLoader::read).toList();
        // an unreadable file's rejection depends on more than its bytes: such a set is loaded from its files
        Optional<RuleCache.Key> key = !cache.enabled() || read.isEmpty() || read.stream().anyMatch(f -> f.problem() != null)
                ? Optional.empty()
                : RuleSetCache.key(cache, placeholders, read.stream().map(RuleFile::name).toList(),
                        read.stream().map(RuleFile::bytes).toList());
        // the entry the stamps named was just found unsound (and noted): it is not read again
        Optional<RuleSet> cached = key.filter(k -> named.map(n -> !n.name().equals(k.name())).orElse(true))
                .flatMap(k -> RuleSetCache.read(cache, k));
        if (cached.isPresent()) {
            key.ifPresent(k -> stampKey.ifPresent(s -> RuleSetCache.writeStamped(cache, s, k)));
            return cached.get();
        }
        RuleSet set = loadAll(read);
        key.ifPresent(k -> {
            if (RuleSetCache.write(cache, k, set)) stampKey.ifPresent(s -> RuleSetCache.writeStamped(cache, s, k));
        });
        return set;
    }

    /**
     * Parses and compiles the files, a large set on two threads, each taking a run of files (half the bytes) into a
     * part of its own; the parts join in file order, so the set is the one a single thread makes.
     */
    private RuleSet loadAll(List<RuleFile> read) {
        long total = 0;
        for (RuleFile f : read) total += f.bytes() == null ? 0 : f.bytes().length;
        if (read.size() < PARALLEL_FILES || Runtime.getRuntime().availableProcessors() < 2) return loadPart(read).result();
        int split = 0;
        for (long half = 0; split < read.size() && half < total / 2; split++) {
            byte[] b = read.get(split).bytes();
            half += b == null ? 0 : b.length;
        }
        yaml(); // made before the second thread shares it
        List<RuleFile> second = read.subList(split, read.size());
        FutureTask<Acc> other = new FutureTask<>(() -> loadPart(second));
        Thread t = new Thread(other, "dwell-sigma-load");
        t.setDaemon(true);
        t.start();
        Acc acc = loadPart(read.subList(0, split));
        Acc rest;
        try {
            rest = other.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading Sigma rules", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(e.getCause());
        }
        acc.rules.addAll(rest.rules);
        acc.correlations.addAll(rest.correlations);
        acc.filters.addAll(rest.filters);
        acc.rejected.addAll(rest.rejected);
        acc.files += rest.files;
        return acc.result();
    }

    private Acc loadPart(List<RuleFile> files) {
        Acc acc = new Acc();
        for (RuleFile f : files) {
            acc.files++;
            if (f.problem() != null) {
                acc.rejected.add(f.problem());
            } else {
                apply(f.name(), parse(f.bytes()), () -> decodedLines(f.bytes()), acc);
            }
        }
        return acc;
    }

    /** Loads rules from text (tests, built-in packs); {@code name} stands for the file in rejections. */
    public RuleSet loadText(String name, String text) {
        Acc acc = new Acc();
        acc.files++;
        apply(name, parse(text), () -> text.split("\n", -1), acc);
        return acc.result();
    }

    /** Loads a classpath resource holding rules (a built-in pack). */
    public RuleSet loadResource(String resource) throws IOException {
        try (InputStream in = RuleLoader.class.getResourceAsStream(resource)) {
            if (in == null) throw new IOException("no such resource: " + resource);
            return loadText(resource, new String(in.readNBytes(MAX_FILE_BYTES), StandardCharsets.UTF_8));
        }
    }

    /**
     * Whether the file's name ends in .yml or .yaml, any case. Asked of the whole path's string, which the path keeps
     * and the file's stamp takes next: its name as a path of its own, lower-cased, was ~5-10 ms CPU of a cache hit's
     * walk of 2,407 files.
     */
    static boolean isYaml(Path p) {
        String n = p.toString();
        return endsWithAnyCase(n, ".yml") || endsWithAnyCase(n, ".yaml");
    }

    private static boolean endsWithAnyCase(String s, String suffix) {
        return s.regionMatches(true, s.length() - suffix.length(), suffix, 0, suffix.length());
    }

    /** A rule file's bytes, or why they cannot be had. */
    private record RuleFile(String name, byte[] bytes, Diagnostic problem) {
    }

    private static RuleFile read(Path f) {
        String name = f.toString();
        try {
            if (Files.size(f) > MAX_FILE_BYTES) {
                return new RuleFile(name, null, new Diagnostic(name, 1, "larger than " + MAX_FILE_BYTES + " bytes: not a rule file"));
            }
            byte[] bytes = Files.readAllBytes(f);
            // a file that grew past the limit since its size was asked
            if (bytes.length > MAX_FILE_BYTES) return new RuleFile(name, null, new Diagnostic(name, 1, "larger than " + MAX_FILE_BYTES + " bytes: not a rule file"));
            return new RuleFile(name, bytes, null);
        } catch (IOException e) {
            return new RuleFile(name, null, new Diagnostic(name, 1, "cannot read: " + e.getMessage()));
        }
    }

    private List<ParsedDocument> parse(byte[] bytes) {
        try {
            return parse(decode(bytes));
        } catch (CharacterCodingException e) {
            int bad = badOffset(bytes);
            return List.of(new ParsedDocument.Malformed(lineAt(bytes, bad), "not UTF-8 or UTF-16 text (invalid byte 0x"
                    + String.format("%02x", bytes[bad] & 0xff) + " at offset " + bad + ")"));
        }
    }

    private static String[] decodedLines(byte[] bytes) {
        try {
            return decode(bytes).split("\n", -1);
        } catch (CharacterCodingException e) {
            return new String[0];
        }
    }

    /** UTF-8 (strict), or UTF-16 with a byte order mark; a UTF-8 BOM is dropped. */
    static String decode(byte[] b) throws CharacterCodingException {
        if (b.length >= 2 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xfe) {
            return new String(b, 2, b.length - 2, StandardCharsets.UTF_16LE);
        }
        if (b.length >= 2 && (b[0] & 0xff) == 0xfe && (b[1] & 0xff) == 0xff) {
            return new String(b, 2, b.length - 2, StandardCharsets.UTF_16BE);
        }
        int start = b.length >= 3 && (b[0] & 0xff) == 0xef && (b[1] & 0xff) == 0xbb && (b[2] & 0xff) == 0xbf ? 3 : 0;
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(b, start, b.length - start)).toString();
    }

    private static int badOffset(byte[] b) {
        var dec = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(b);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(b.length + 1);
        var r = dec.decode(in, out, true);
        return Math.min(in.position(), b.length - 1);
    }

    private static int lineAt(byte[] b, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < b.length; i++) if (b[i] == '\n') line++;
        return line;
    }

    /** The file's documents as the YAML parser reads them, up to the first malformed one. */
    private List<ParsedDocument> parse(String text) {
        List<ParsedDocument> docs = new ArrayList<>();
        try (JsonParser p = yaml().getFactory().createParser(text)) {
            while (true) {
                try {
                    JsonToken t = p.nextToken();
                    if (t == null) break;
                    int line = p.currentTokenLocation().getLineNr();
                    docs.add(new ParsedDocument.Document(line, yaml().readTree(p)));
                } catch (JsonProcessingException e) {
                    int at = Nesting.exceeded(e) ? lineOf(p.currentLocation()) : yamlLine(e);
                    docs.add(new ParsedDocument.Malformed(at, yamlReason(e)));
                    break;
                }
            }
        } catch (IOException e) {
            docs.add(new ParsedDocument.Malformed(1, "cannot read: " + e.getMessage()));
        }
        return docs;
    }

    /** Turns a file's parsed documents into rules, filters and correlations, or rejections naming the file. */
    private void apply(String name, List<ParsedDocument> parsed, Supplier<String[]> fileLines, Acc acc) {
        String[] lines = null;
        ObjectNode global = null;
        ObjectNode previous = null;
        for (ParsedDocument d : parsed) {
            if (d instanceof ParsedDocument.Malformed m) {
                acc.rejected.add(new Diagnostic(name, m.line(), m.reason()));
                return;
            }
            ParsedDocument.Document pd = (ParsedDocument.Document) d;
            int line = pd.line();
            JsonNode doc = pd.tree();
            if (doc == null || doc.isNull() || doc.isMissingNode()) continue;
            if (!doc.isObject()) {
                acc.rejected.add(new Diagnostic(name, line, "a rule document must be a map, found " + doc.getNodeType().name().toLowerCase(Locale.ROOT)));
                continue;
            }
            ObjectNode o = (ObjectNode) doc;
            String action = o.path("action").asText("");
            switch (action) {
                case "global" -> {
                    global = o.deepCopy();
                    global.remove("action");
                    continue;
                }
                case "reset" -> {
                    global = null;
                    continue;
                }
                case "repeat" -> {
                    if (previous == null) {
                        acc.rejected.add(new Diagnostic(name, line, "'action: repeat' without a previous document"));
                        continue;
                    }
                    ObjectNode merged = previous.deepCopy();
                    o.remove("action");
                    merge(merged, o);
                    o = merged;
                }
                case "" -> {
                    if (global != null) {
                        ObjectNode merged = global.deepCopy();
                        merge(merged, o);
                        o = merged;
                    }
                }
                default -> {
                    acc.rejected.add(new Diagnostic(name, line, "unknown action '" + action + "'"));
                    continue;
                }
            }
            previous = o;
            try {
                document(o, new RuleOrigin(name, line), acc);
            } catch (RuleException e) {
                if (lines == null) lines = fileLines.get();
                acc.rejected.add(new Diagnostic(name, locate(lines, line, e.locator()), e.getMessage()));
            } catch (RuntimeException e) {
                acc.rejected.add(new Diagnostic(name, line, "cannot load: " + e));
            }
        }
    }

    private static int lineOf(JsonLocation loc) {
        return loc == null || loc.getLineNr() < 1 ? 1 : loc.getLineNr();
    }

    private static final java.util.regex.Pattern MARK = java.util.regex.Pattern.compile("line (\\d+), column \\d+");

    /** The line of a YAML error: the problem mark in the parser's message (the last one), else its location. */
    private static int yamlLine(JsonProcessingException e) {
        String m = e.getOriginalMessage();
        int line = -1;
        if (m != null) {
            java.util.regex.Matcher x = MARK.matcher(m);
            while (x.find()) line = Integer.parseInt(x.group(1));
        }
        return line > 0 ? line : lineOf(e.getLocation());
    }

    /** The YAML parser's message without its location suffix (the line is given separately). */
    private static String yamlReason(JsonProcessingException e) {
        if (Nesting.exceeded(e)) return Nesting.MESSAGE;
        String m = e.getOriginalMessage();
        if (m == null) m = e.getClass().getSimpleName();
        int in = m.indexOf(" in 'reader'");
        if (in > 0) m = m.substring(0, in);
        m = m.replaceAll("\\s+", " ").trim();
        if (m.contains("'\\t'") || m.contains("\\t(TAB)")) m = "tab character where YAML allows none (use spaces): " + m;
        return "malformed YAML: " + (m.length() > 300 ? m.substring(0, 300) + "..." : m);
    }

    /** The line, from the document's start on, where the locator text first appears; the start otherwise. */
    static int locate(String[] lines, int from, String locator) {
        if (locator == null || locator.isBlank()) return from;
        String l = locator.length() > 60 ? locator.substring(0, 60) : locator;
        for (int i = Math.max(0, from - 1); i < lines.length; i++) {
            if (lines[i].contains(l)) return i + 1;
        }
        return from;
    }

    private static void merge(ObjectNode into, ObjectNode from) {
        for (Iterator<Map.Entry<String, JsonNode>> it = from.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode cur = into.get(e.getKey());
            if (cur instanceof ObjectNode co && e.getValue() instanceof ObjectNode fo) merge(co, fo);
            else into.set(e.getKey(), e.getValue().deepCopy());
        }
    }

    private void document(ObjectNode o, RuleOrigin origin, Acc acc) {
        if (o.has("correlation")) acc.correlations.add(correlation(o, origin));
        else if (o.has("filter")) acc.filters.add(filter(o, origin));
        else if (o.has("detection")) acc.rules.add(rule(o, origin));
        else throw new RuleException("document has no detection, correlation or filter section");
    }

    private SigmaRule rule(ObjectNode o, RuleOrigin origin) {
        String title = text(o, "title");
        if (title == null || title.isBlank()) throw new RuleException("missing title");
        JsonNode ls = o.get("logsource");
        if (ls == null || !ls.isObject()) throw new RuleException("missing logsource", "logsource");
        LogSource logSource = logSource(ls);
        Detection d = detections.parse(o.get("detection"));
        String id = text(o, "id");
        String name = text(o, "name");
        return new SigmaRule(id != null ? id : name != null ? name : origin.toString(), name, title.trim(), level(o),
                text(o, "status"), strings(o.get("tags")), logSource, d, strings(o.get("fields")), meta(o), origin);
    }

    private CorrelationRule correlation(ObjectNode o, RuleOrigin origin) {
        String title = text(o, "title");
        if (title == null || title.isBlank()) throw new RuleException("missing title");
        JsonNode c = o.get("correlation");
        if (c == null || !c.isObject()) throw new RuleException("correlation must be a map", "correlation:");
        String typeText = text(c, "type");
        if (typeText == null) throw new RuleException("correlation has no type", "correlation:");
        CorrelationType type = CorrelationType.parse(typeText);
        List<String> rules = strings(c.get("rules"));
        if (rules.isEmpty()) throw new RuleException("correlation names no rules", "rules");
        String span = text(c, "timespan");
        if (span == null) span = text(c, "timeframe");
        if (span == null) throw new RuleException("correlation has no timespan", "correlation:");
        Duration timespan = timespan(span);
        JsonNode cond = c.get("condition");
        Map<String, Double> bounds = new LinkedHashMap<>();
        String field = null;
        double percentile = 50;
        if (cond != null && cond.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = cond.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                switch (e.getKey()) {
                    case "field" -> field = e.getValue().isArray() && !e.getValue().isEmpty()
                            ? e.getValue().get(0).asText() : e.getValue().asText();
                    case "percentile" -> percentile = NumberTest.number(e.getValue().asText());
                    default -> bounds.put(e.getKey(), NumberTest.number(e.getValue().asText()));
                }
            }
        } else if (cond != null && !cond.isNull()) {
            throw new RuleException("correlation condition must be a map such as {gte: 10}", "condition");
        }
        if (bounds.isEmpty()) {
            if (type == CorrelationType.TEMPORAL || type == CorrelationType.TEMPORAL_ORDERED) {
                bounds.put("gte", (double) rules.size());
            } else {
                throw new RuleException("correlation '" + type.id() + "' needs a condition", "correlation:");
            }
        }
        if (type.needsField() && (field == null || field.isBlank())) {
            throw new RuleException("correlation '" + type.id() + "' needs condition.field", "condition");
        }
        Map<String, Map<String, String>> aliases = new LinkedHashMap<>();
        JsonNode al = c.get("aliases");
        if (al != null && al.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = al.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                Map<String, String> m = new LinkedHashMap<>();
                if (!e.getValue().isObject()) throw new RuleException("alias '" + e.getKey() + "' must map rule names to fields", e.getKey());
                e.getValue().fields().forEachRemaining(x -> m.put(x.getKey(), x.getValue().asText()));
                aliases.put(e.getKey(), m);
            }
        }
        boolean generate = o.path("generate").asBoolean(false) || c.path("generate").asBoolean(false);
        String id = text(o, "id");
        String name = text(o, "name");
        return new CorrelationRule(id != null ? id : name != null ? name : origin.toString(), name, title.trim(),
                level(o), strings(o.get("tags")), type, rules, strings(c.get("group-by")), timespan,
                new Threshold(bounds), field, percentile, aliases, generate, origin);
    }

    private SigmaFilter filter(ObjectNode o, RuleOrigin origin) {
        JsonNode f = o.get("filter");
        if (f == null || !f.isObject()) throw new RuleException("filter must be a map", "filter:");
        JsonNode ls = o.get("logsource");
        LogSource logSource = ls != null && ls.isObject() ? logSource(ls) : LogSource.NONE;
        Detection d = detections.parse(f, "rules");
        String id = text(o, "id");
        String title = text(o, "title");
        return new SigmaFilter(id != null ? id : origin.toString(), title != null ? title : "", logSource,
                strings(f.get("rules")), d, origin);
    }

    static Duration timespan(String s) {
        String t = s.trim();
        if (!t.matches("[0-9]{1,9}[smhdwMy]")) throw new RuleException("timespan '" + s + "' is not a number and a unit (s, m, h, d)", s);
        long n = Long.parseLong(t.substring(0, t.length() - 1));
        return switch (t.charAt(t.length() - 1)) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            case 'd' -> Duration.ofDays(n);
            case 'w' -> Duration.ofDays(7 * n);
            case 'M' -> Duration.ofDays(30 * n);
            default -> Duration.ofDays(365 * n);
        };
    }

    private static LogSource logSource(JsonNode ls) {
        return new LogSource(lower(text(ls, "product")), lower(text(ls, "category")), lower(text(ls, "service")));
    }

    private static String lower(String s) {
        return s == null ? null : s.trim().toLowerCase(Locale.ROOT);
    }

    private static Level level(JsonNode o) {
        String l = text(o, "level");
        if (l == null) return Level.MEDIUM;
        try {
            return Level.parse(l);
        } catch (IllegalArgumentException e) {
            throw new RuleException("unknown level '" + l + "'", "level:");
        }
    }

    private static Map<String, String> meta(JsonNode o) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String k : List.of("description", "author", "status", "date", "modified")) {
            String v = text(o, k);
            if (v != null) m.put(k, v.trim());
        }
        List<String> refs = strings(o.get("references"));
        if (!refs.isEmpty()) m.put("references", String.join(" ", refs));
        return m;
    }

    private static String text(JsonNode o, String key) {
        JsonNode v = o.get(key);
        return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
    }

    private static List<String> strings(JsonNode v) {
        List<String> out = new ArrayList<>();
        if (v == null || v.isNull()) return out;
        if (v.isArray()) v.forEach(x -> {
            if (!x.isNull()) out.add(x.asText());
        });
        else out.add(v.asText());
        return out;
    }

    /** Collects one load's results. */
    private static final class Acc {
        final List<SigmaRule> rules = new ArrayList<>();
        final List<CorrelationRule> correlations = new ArrayList<>();
        final List<SigmaFilter> filters = new ArrayList<>();
        final List<Diagnostic> rejected = new ArrayList<>();
        int files;

        RuleSet result() {
            return new RuleSet(rules, correlations, filters, rejected, files);
        }
    }
}
