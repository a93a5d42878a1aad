package dwell.rulecache;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.zip.CRC32;

/**
 * A folder of prepared rule sets, each entry named by the digest of what it was made from (the rule files' bytes,
 * the options that shape it, dwell's version): a changed rule file or another dwell gives another name, so an entry
 * is never stale, only unused. An entry holds its own name, its length and a CRC-32 of all of it; one that is
 * truncated, damaged or altered fails that check, is ignored with a note, and is made anew. A CRC, not a
 * cryptographic digest: staleness is the name's job (a SHA-256 of the inputs), and the check is there for accidental
 * damage, which a CRC-32 catches (every burst of up to 32 bits, any other with odds of 2^-32), at a fraction of
 * SHA-256's cost on C1; an unkeyed digest stops no one able to write the user's own cache folder. Entries are written to a temporary
 * file and renamed into place, so concurrent runs never read a half-written one.
 */
public final class RuleCache {
    /** What an entry starts with: the format's name and version; another version's entries are not read. */
    private static final byte[] MAGIC = "dwell-rule-cache 2\n".getBytes(StandardCharsets.US_ASCII);
    /** An entry larger than this is not one of ours. */
    static final int MAX_ENTRY_BYTES = 256 << 20;
    private static final int CHECK_BYTES = 4;

    /**
     * Drops notes. A class rather than a lambda, as on the rest of a YARA cache hit's path: a JVM's first lambda
     * starts its method-handle machinery (and spins a class with ASM), several milliseconds of such a run.
     */
    private static final Consumer<String> NO_NOTES = new Consumer<>() {
        @Override
        public void accept(String note) {
            // a cache that is off has nothing to say
        }
    };
    private static volatile RuleCache installed = off();

    private final Path folder;
    private final String version;
    private final Consumer<String> notes;

    private RuleCache(Path folder, String version, Consumer<String> notes) {
        this.folder = folder;
        this.version = version;
        this.notes = notes;
    }

    /** No cache: every run prepares its rules from the files. */
    public static RuleCache off() {
        return new RuleCache(null, "", NO_NOTES);
    }

    /** A cache in {@code folder} (made when first written) for this dwell {@code version}; notes say what was ignored. */
    public static RuleCache in(Path folder, String version, Consumer<String> notes) {
        return new RuleCache(folder, version, notes);
    }

    /**
     * The user's cache folder: {@code $DWELL_CACHE_DIR}, else {@code $XDG_CACHE_HOME/dwell}, else
     * {@code ~/.cache/dwell} (the XDG base directory convention).
     */
    public static Path userFolder(Map<String, String> env, String home) {
        String own = env.get("DWELL_CACHE_DIR");
        if (own != null && !own.isBlank()) return Path.of(own);
        String xdg = env.get("XDG_CACHE_HOME");
        // the XDG specification: a relative path there is invalid and is to be ignored
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) return Path.of(xdg, "dwell");
        return Path.of(home, ".cache", "dwell");
    }

    /** Makes {@code cache} the one rule loaders use when given none (a command line's choice for the whole run). */
    public static void install(RuleCache cache) {
        installed = cache;
    }

    /** The cache installed for this run; {@link #off()} unless a front end installed one. */
    public static RuleCache installed() {
        return installed;
    }

    /** Whether entries are read and written at all. */
    public boolean enabled() {
        return folder != null;
    }

    /** A key builder for entries of {@code kind} (say "sigma"), already holding this dwell's version. */
    public Key key(String kind) {
        return new Key(kind).add(kind).add(version);
    }

    /**
     * The key of an entry of {@code kind} whose name another entry holds (an index from cheaper facts to it);
     * empty when {@code name} is not such a name.
     */
    public Optional<Key> named(String kind, String name) {
        if (!isName(name)) return Optional.empty();
        Key k = new Key(kind);
        k.name = name;
        return Optional.of(k);
    }

    /** Whether {@code name} is an entry's name: 64 lower-case hex digits (a loop: a regex is a fresh JVM's first). */
    private static boolean isName(String name) {
        if (name.length() != 64) return false;
        for (int i = 0; i < 64; i++) {
            char c = name.charAt(i);
            if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) return false;
        }
        return true;
    }

    /** The content of the entry for {@code key}, when there is a sound one. */
    public Optional<byte[]> read(Key key) {
        if (!enabled()) return Optional.empty();
        Path file = file(key);
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_ENTRY_BYTES) {
                notes.accept("rule cache entry " + file + " is too large: ignored, made anew");
                return Optional.empty();
            }
            // a stream, not Files.readAllBytes: its file channel loads the JVM's network library and allocates a direct
            // buffer of the entry's size, 1-2 ms of a YARA run on a cache hit
            try (InputStream in = new FileInputStream(file.toFile())) {
                bytes = in.readAllBytes();
            }
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            notes.accept("rule cache entry " + file + " cannot be read (" + e.getMessage() + "): rules prepared from their files");
            return Optional.empty();
        }
        Optional<byte[]> content = unwrap(bytes, key.name());
        if (content.isEmpty()) notes.accept("rule cache entry " + file + " is damaged or altered: ignored, made anew");
        return content;
    }

    /** Stores {@code content} as the entry for {@code key}; a cache that cannot be written is noted and skipped. */
    public void write(Key key, byte[] content) {
        if (!enabled()) return;
        Path file = file(key);
        Path tmp = null;
        try {
            Files.createDirectories(folder);
            tmp = Files.createTempFile(folder, file.getFileName().toString(), ".tmp");
            Files.write(tmp, wrap(content, key.name()));
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            notes.accept("rule cache " + folder + " cannot be written (" + e.getMessage() + "): rules prepared from their files next time too");
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the note above already says the cache is not writable
                }
            }
        }
    }

    /** Passes a note about the cache (an entry that could not be used) to the run's notes. */
    public void note(String note) {
        notes.accept(note);
    }

    /** The SHA-256 of {@code bytes}. */
    public static byte[] sha256(byte[] bytes) {
        return Sha256.of(bytes, bytes.length);
    }

    private Path file(Key key) {
        return folder.resolve(key.kind + "-" + key.name() + ".bin");
    }

    /** MAGIC, the entry's name (its key), the content's length, the content, the CRC-32 of all that precedes. */
    static byte[] wrap(byte[] content, String name) {
        byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer b = ByteBuffer.allocate(MAGIC.length + 4 + n.length + 4 + content.length + CHECK_BYTES);
        b.put(MAGIC).putInt(n.length).put(n).putInt(content.length).put(content);
        b.putInt(crc32(b.array(), b.position()));
        return b.array();
    }

    static Optional<byte[]> unwrap(byte[] bytes, String name) {
        if (bytes.length < MAGIC.length + 8 + CHECK_BYTES) return Optional.empty();
        int body = bytes.length - CHECK_BYTES;
        if (crc32(bytes, body) != ByteBuffer.wrap(bytes, body, CHECK_BYTES).getInt()) return Optional.empty();
        ByteBuffer b = ByteBuffer.wrap(bytes, 0, body);
        byte[] magic = new byte[MAGIC.length];
        b.get(magic);
        if (!Arrays.equals(magic, MAGIC)) return Optional.empty();
        int n = b.getInt();
        if (n < 0 || n > b.remaining()) return Optional.empty();
        byte[] stored = new byte[n];
        b.get(stored);
        // an entry copied over another's name holds a sound digest of the wrong rules
        if (!new String(stored, StandardCharsets.US_ASCII).equals(name)) return Optional.empty();
        int len = b.getInt();
        if (len != b.remaining()) return Optional.empty();
        return Optional.of(Arrays.copyOfRange(bytes, b.position(), body));
    }

    private static int crc32(byte[] bytes, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, length);
        return (int) crc.getValue();
    }

    /** What an entry is made from, fed in order: its name is the SHA-256 of all of it. */
    public static final class Key {
        private final Sha256 digest = new Sha256();
        private final String kind;
        private String name;

        private Key(String kind) {
            // [a-z0-9] only, by a loop as in isName
            StringBuilder k = new StringBuilder(kind.length());
            for (int i = 0; i < kind.length(); i++) {
                char c = kind.charAt(i);
                if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9') k.append(c);
            }
            this.kind = k.toString();
        }

        /** Adds a text part (length-prefixed, so parts never run together). */
        public Key add(String part) {
            return add(part.getBytes(StandardCharsets.UTF_8));
        }

        /** Adds the bytes of a part (a rule file's content); length-prefixed. */
        public Key add(byte[] part) {
            return add(part, part.length);
        }

        /** Adds the first {@code length} bytes of {@code part} as a part; length-prefixed. */
        public Key add(byte[] part, int length) {
            if (name != null) throw new IllegalStateException("the key is complete");
            digest.update(ByteBuffer.allocate(8).putLong(length).array(), 0, 8);
            digest.update(part, 0, length);
            return this;
        }

        /** The entry's name: the key's digest in hex. */
        public String name() {
            if (name == null) name = HexFormat.of().formatHex(digest.digest());
            return name;
        }
    }
}
