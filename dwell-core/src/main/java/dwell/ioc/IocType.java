package dwell.ioc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The kinds of indicator dwell matches, with the ids used in findings and feeds. */
enum IocType {
    IPV4("ipv4"), IPV6("ipv6"), CIDR("cidr"), DOMAIN("domain"), URL("url"), HOSTNAME("hostname"), EMAIL("email"),
    MD5("md5"), SHA1("sha1"), SHA256("sha256"), FILE_NAME("file-name"), FILE_PATH("file-path"),
    USER_AGENT("user-agent"), KEYWORD("keyword"), PORT("port");

    private static final Map<String, IocType> NAMES = loadNames();

    private final String id;

    IocType(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** True for the three hash kinds. */
    public boolean isHash() {
        return this == MD5 || this == SHA1 || this == SHA256;
    }

    /**
     * The type a feed's type name stands for ({@code ip-dst}, {@code domain-name}, {@code filename} ...), from the
     * alias table {@code dwell/ioc/type-names.csv}; empty for names dwell does not match (regkey, yara, AS ...).
     */
    public static Optional<IocType> byName(String name) {
        return Optional.ofNullable(NAMES.get(name.trim().toLowerCase(Locale.ROOT)));
    }

    private static Map<String, IocType> loadNames() {
        Map<String, IocType> m = new HashMap<>();
        for (IocType t : values()) m.put(t.id, t);
        try (InputStream in = IocType.class.getResourceAsStream("/dwell/ioc/type-names.csv")) {
            if (in == null) throw new IllegalStateException("resource missing: dwell/ioc/type-names.csv");
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#") || line.startsWith("alias,")) continue;
                int comma = line.indexOf(',');
                String type = line.substring(comma + 1).strip();
                IocType t = null;
                for (IocType c : values()) {
                    if (c.id.equals(type)) t = c;
                }
                if (t == null) throw new IllegalStateException("type-names.csv: unknown type " + type);
                m.put(line.substring(0, comma).strip().toLowerCase(Locale.ROOT), t);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.copyOf(m);
    }
}
