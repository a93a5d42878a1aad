package dwell.yara;

import dwell.rulecache.CodeStamp;
import dwell.rulecache.Deflated;
import dwell.rulecache.RuleCache;
import dwell.rulecache.RuleFileStamps;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Compiled rule sets kept in the {@link RuleCache} (what {@code yarac} does for YARA), so that a repeated run skips
 * parsing, planning atoms and building the automaton. An entry's key holds dwell's version, the code of the compiler
 * and of the encoding (the central directory of the jar holding them, or in a build's folder of classes every class
 * file of {@code dwell.yara} and {@code dwell.automaton}), the externals defined,
 * and each rule file's path as given (positions in warnings name it) and bytes. The files an include read cannot be
 * known before parsing: the entry lists them with the SHA-256 of their bytes, and one that changed makes the entry
 * stale, compiled anew and overwritten. A second, small entry keyed by the rule files' {@link RuleFileStamps} (and the
 * jar's, {@link CodeStamp}) instead of their bytes names the first, as the Sigma rule cache does.
 */
final class YaraRuleCache {
    private static final String[] CODE_PACKAGES = {"dwell/yara/", "dwell/automaton/"};
    /** A zip file's end-of-central-directory record: its signature and its size without the comment. */
    private static final int END_SIGNATURE = 0x06054b50, END_RECORD = 22;
    /** The code's fingerprint, or null when its class files cannot be found (then nothing is cached). */
    private static volatile Optional<byte[]> code;

    private YaraRuleCache() {
    }

    /**
     * Compiles {@code files} with {@code defines}, through {@code cache} when it is enabled. A cached rule set is
     * decoded when a scan first needs it: a run with nothing to scan reads only the entry's warnings. The entry is
     * found through the files' stamps when they have not changed since a run stored it (no rule file is read: their
     * SHA-256 on C1 was a third of a cache hit's rule phase), else through the digest of their bytes.
     */
    static YaraRules compile(List<Path> files, Map<String, String> defines, RuleCache cache) throws YaraCompileException {
        if (!cache.enabled()) return YaraRules.compileFiles(files, defines).rules();
        PhaseTimer timer = new PhaseTimer();
        Optional<RuleCache.Key> stampKey = stampKey(files, defines, cache);
        // no lambdas on a hit's path, here or below: a JVM's first one starts its method-handle machinery (and spins
        // a class with ASM), several milliseconds of a run that has nothing to scan
        Optional<byte[]> name = stampKey.isPresent() ? cache.read(stampKey.get()) : Optional.empty();
        Optional<RuleCache.Key> named = name.isPresent()
                ? cache.named("yara", new String(name.get(), StandardCharsets.US_ASCII)) : Optional.empty();
        timer.mark("  stamps");
        if (named.isPresent()) {
            YaraRules cached = cached(files, defines, cache, named.get(), timer);
            if (cached != null) return cached;
        }
        RuleCache.Key key = key(files, defines, cache);
        if (key == null) return YaraRules.compileFiles(files, defines).rules();
        key.name();
        timer.mark("  cache key");
        // the entry the stamps named and found unsound is not read again
        boolean read = named.isPresent() && named.get().name().equals(key.name());
        YaraRules cached = read ? null : cached(files, defines, cache, key, timer);
        YaraRules rules = cached != null ? cached : compileAndStore(files, defines, cache, key);
        if (stampKey.isPresent()) cache.write(stampKey.get(), key.name().getBytes(StandardCharsets.US_ASCII));
        return rules;
    }

    /** The rule set of the entry for {@code key}, or null when there is no sound, current one. */
    private static YaraRules cached(List<Path> files, Map<String, String> defines, RuleCache cache, RuleCache.Key key,
                                    PhaseTimer timer) {
        Optional<byte[]> entry = cache.read(key);
        timer.mark("  cache read");
        if (entry.isEmpty()) return null;
        try {
            YaraRules cached = read(entry.get(), new Damaged() {
                @Override
                public RuleTables tables(IllegalArgumentException why) throws YaraCompileException {
                    cache.note(undecodable(files, why));
                    return compileAndStore(files, defines, cache, key).tables();
                }
            });
            timer.mark("  cache header");
            return cached;
        } catch (IllegalArgumentException e) {
            cache.note(undecodable(files, e));
            return null;
        }
    }

    /**
     * The key of the small entry that names a rule set's entry ({@link #key}) for files with their present stamps, or
     * empty when a file's stamps cannot be trusted (changed in the last seconds) or the code cannot be stamped.
     */
    static Optional<RuleCache.Key> stampKey(List<Path> files, Map<String, String> defines, RuleCache cache) {
        Optional<RuleFileStamps> stamps = RuleFileStamps.of(files);
        Optional<byte[]> code = CodeStamp.of(YaraRuleCache.class, List.of(CODE_PACKAGES));
        if (stamps.isEmpty() || code.isEmpty()) return Optional.empty();
        RuleCache.Key key = cache.key("yarastamps").add(code.get());
        addDefines(key, defines);
        stamps.get().addTo(key);
        return Optional.of(key);
    }

    private static String undecodable(List<Path> files, IllegalArgumentException e) {
        return "rule cache entry for YARA rules " + files + " does not decode (" + e.getMessage() + "): compiled anew";
    }

    private static YaraRules compileAndStore(List<Path> files, Map<String, String> defines, RuleCache cache, RuleCache.Key key)
            throws YaraCompileException {
        YaraRules.Compiled compiled = YaraRules.compileFiles(files, defines);
        cache.write(key, write(compiled));
        return compiled.rules();
    }

    /**
     * The key of an entry for {@code files} and {@code defines}, or null when a file cannot be read (the compiler
     * reports it) or the compiler's class files cannot be found.
     */
    static RuleCache.Key key(List<Path> files, Map<String, String> defines, RuleCache cache) {
        byte[] fingerprint = code().orElse(null);
        if (fingerprint == null) return null;
        RuleCache.Key key = cache.key("yara").add(fingerprint);
        addDefines(key, defines);
        key.add(Integer.toString(files.size()));
        for (Path f : files) {
            try {
                if (Files.size(f) > Parser.MAX_RULE_FILE) return null;
                key.add(f.toString()).add(Files.readAllBytes(f));
            } catch (IOException e) {
                return null;
            }
        }
        return key;
    }

    private static void addDefines(RuleCache.Key key, Map<String, String> defines) {
        Map<String, String> sorted = new TreeMap<>(defines);
        key.add(Integer.toString(sorted.size()));
        for (Map.Entry<String, String> d : sorted.entrySet()) key.add(d.getKey()).add(d.getValue());
    }

    /**
     * The rule set of an entry, or null when a file an include read has changed since. Its warnings and modules are
     * read at once; its tables are inflated and decoded when a scan first needs them, and bytes that do not decode
     * then go to {@code damaged} for tables made another way (an {@link IllegalArgumentException} here when the
     * warnings do not decode).
     */
    static YaraRules read(byte[] entry, Damaged damaged) {
        ByteBuffer in = ByteBuffer.wrap(entry);
        int header;
        try {
            int n = in.getInt();
            if (n < 0 || n > entry.length) throw new IllegalArgumentException("bad include count " + n);
            for (int k = 0; k < n; k++) {
                byte[] name = new byte[in.getInt()];
                in.get(name);
                byte[] digest = new byte[32];
                in.get(digest);
                if (!unchanged(Path.of(new String(name, StandardCharsets.UTF_8)), digest)) return null;
            }
            header = in.getInt();
            if (header < 0 || header > in.remaining()) throw new IllegalArgumentException("bad header length " + header);
        } catch (java.nio.BufferUnderflowException | NegativeArraySizeException | java.nio.file.InvalidPathException e) {
            throw new IllegalArgumentException("the list of included files is damaged", e);
        }
        CodecIn h = new CodecIn(entry, in.position(), in.position() + header);
        List<String> warnings = h.texts();
        Map<String, List<String>> modules = new LinkedHashMap<>();
        for (int k = h.count(); k > 0; k--) modules.put(h.text(), h.texts());
        h.end();
        int body = in.position() + header;
        return YaraRules.deferred(warnings, modules, new Supplier<>() {
            @Override
            public RuleTables get() {
                try {
                    return YaraRulesCodec.decode(inflate(entry, body)).tables();
                } catch (IllegalArgumentException e) {
                    try {
                        return damaged.tables(e);
                    } catch (YaraCompileException c) {
                        // the files matched the entry's key when the run started: they changed under it
                        throw new IllegalStateException("YARA rule files changed during the run: " + c.getMessage(), c);
                    }
                }
            }
        });
    }

    /** Makes the tables of a rule set whose cached encoding turned out not to decode. */
    @FunctionalInterface
    interface Damaged {
        /** Tables made anew, after {@code why}. */
        RuleTables tables(IllegalArgumentException why) throws YaraCompileException;
    }

    /**
     * The entry of a compiled rule set: the files its includes read, with their digests; behind its length, what a
     * run reports before scanning (the warnings and the rules reading modules dwell does not implement), so a run with
     * nothing to scan decodes nothing else; then the rule set's encoding, deflated (a quarter of the size, so a
     * quarter of the bytes the cache's SHA-256 check reads).
     */
    static byte[] write(YaraRules.Compiled compiled) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(compiled.includes().size());
            for (Ast.Include inc : compiled.includes()) {
                byte[] name = inc.file().toString().getBytes(StandardCharsets.UTF_8);
                out.writeInt(name.length);
                out.write(name);
                out.write(inc.sha256());
            }
            CodecOut header = new CodecOut().texts(compiled.rules().warnings());
            Map<String, List<String>> modules = compiled.rules().rulesWithUndefinedModules();
            header.i(modules.size());
            modules.forEach((rule, names) -> header.text(rule).texts(names));
            byte[] h = header.toByteArray();
            out.writeInt(h.length);
            out.write(h);
            out.write(Deflated.deflate(YaraRulesCodec.encode(compiled.rules())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The rule set's encoding, deflated from {@code offset} on behind its length. */
    private static byte[] inflate(byte[] entry, int offset) {
        return Deflated.inflate(Arrays.copyOfRange(entry, offset, entry.length));
    }

    private static boolean unchanged(Path file, byte[] digest) {
        try {
            return Files.size(file) <= Parser.MAX_RULE_FILE && Arrays.equals(RuleCache.sha256(Files.readAllBytes(file)), digest);
        } catch (IOException e) {
            return false;
        }
    }

    /** A fingerprint of the class files of the compiler and the encoding, found once a run. */
    private static Optional<byte[]> code() {
        Optional<byte[]> c = code;
        if (c == null) {
            c = Optional.ofNullable(fingerprint());
            code = c;
        }
        return c;
    }

    /**
     * From a jar: its central directory, which lists every entry's name, size and CRC-32 (one read at the jar's end,
     * instead of walking its entries: that cost 60-80 ms of CPU in a fresh JVM, a quarter of a cached run's rule
     * phase); from a folder of classes (a development build): each class file's name and bytes.
     */
    private static byte[] fingerprint() {
        CodeSource source = YaraRuleCache.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) return null;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            Path where = Path.of(source.getLocation().toURI());
            if (!Files.isDirectory(where)) return RuleCache.sha256(centralDirectory(where));
            for (String pkg : CODE_PACKAGES) {
                try (Stream<Path> s = Files.list(where.resolve(pkg))) {
                    for (Path p : s.sorted().toList()) {
                        out.writeUTF(pkg + p.getFileName());
                        byte[] b = Files.readAllBytes(p);
                        out.writeInt(b.length);
                        out.write(b);
                    }
                }
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return null;
        }
        return RuleCache.sha256(bytes.toByteArray());
    }

    /**
     * The bytes of a zip file from its central directory to its end (the directory and its end record), or the whole
     * file when no end record is found where the zip format puts it (a zip64 archive, or not a zip file at all).
     */
    static byte[] centralDirectory(Path zip) throws IOException {
        try (FileChannel ch = FileChannel.open(zip, StandardOpenOption.READ)) {
            long size = ch.size();
            int tail = (int) Math.min(size, END_RECORD + 0xffff);
            ByteBuffer end = read(ch, size - tail, tail).order(ByteOrder.LITTLE_ENDIAN);
            // the end record is the last one whose comment length reaches exactly to the file's end
            for (int at = tail - END_RECORD; at >= 0; at--) {
                if (end.getInt(at) != END_SIGNATURE || at + END_RECORD + (end.getShort(at + 20) & 0xffff) != tail) continue;
                long directory = end.getInt(at + 16) & 0xffffffffL;
                if (directory >= size - tail + at) break;
                return read(ch, directory, (int) (size - directory)).array();
            }
            if (size > 1 << 30) throw new IOException(zip + ": no zip end record, and too large to read whole");
            return read(ch, 0, (int) size).array();
        }
    }

    private static ByteBuffer read(FileChannel ch, long from, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n);
        while (b.hasRemaining()) {
            if (ch.read(b, from + b.position()) < 0) throw new IOException("file shorter than its size");
        }
        return b;
    }
}
