package dwell.exchange.build;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Every known Exchange build (2007 to SE), loaded from the {@code dwell/exchange/builds.csv} resource that
 * {@link BuildListImport} derives from Microsoft's build list; answers "which release is this build".
 */
public final class BuildCatalog {
    /** The resource holding the build list; header {@code build,product,level,update,kb,released,name}. */
    public static final String RESOURCE = "/dwell/exchange/builds.csv";
    static final String HEADER = "build,product,level,update,kb,released,name";

    private static volatile BuildCatalog builtin;

    private final TreeMap<ExchangeBuild, BuildRelease> byBuild = new TreeMap<>();
    private final Map<Product, List<BuildRelease>> byProduct = new EnumMap<>(Product.class);

    public BuildCatalog(List<BuildRelease> releases) {
        for (BuildRelease r : releases) {
            BuildRelease prev = byBuild.put(r.build(), r);
            if (prev != null) throw new IllegalArgumentException("build listed twice: " + r.build());
        }
        for (Product p : Product.values()) {
            byProduct.put(p, byBuild.values().stream().filter(r -> r.product() == p).toList());
        }
    }

    /** The catalog shipped with dwell. */
    public static BuildCatalog builtin() {
        BuildCatalog c = builtin;
        if (c == null) {
            try (InputStream in = BuildCatalog.class.getResourceAsStream(RESOURCE)) {
                if (in == null) throw new IllegalStateException("missing resource " + RESOURCE);
                c = new BuildCatalog(read(in));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            builtin = c;
        }
        return c;
    }

    /** Reads the resource format written by {@link BuildListImport}. */
    static List<BuildRelease> read(InputStream in) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String header = r.readLine();
        if (!HEADER.equals(header)) throw new IOException("unexpected build list header: " + header);
        List<BuildRelease> out = new ArrayList<>();
        String line;
        int n = 1;
        while ((line = r.readLine()) != null) {
            n++;
            if (line.isBlank()) continue;
            List<String> f = CsvLine.split(line);
            if (f.size() != 7) throw new IOException("build list line " + n + ": expected 7 fields, got " + f.size());
            out.add(new BuildRelease(ExchangeBuild.of(f.get(0)), Product.byKey(f.get(1)), f.get(2), f.get(3),
                    f.get(4), LocalDate.parse(f.get(5)), f.get(6)));
        }
        return out;
    }

    /** The releases published on or before {@code day}: the build list as it stood then. */
    public BuildCatalog asOf(LocalDate day) {
        return new BuildCatalog(byBuild.values().stream().filter(r -> !r.released().isAfter(day)).toList());
    }

    public List<BuildRelease> all() {
        return List.copyOf(byBuild.values());
    }

    public Optional<BuildRelease> exact(ExchangeBuild build) {
        return Optional.ofNullable(byBuild.get(build));
    }

    /** The highest known release at or below {@code build}, or empty when the build precedes every known one. */
    public Optional<BuildRelease> nearestLower(ExchangeBuild build) {
        var e = byBuild.floorEntry(build);
        return e == null ? Optional.empty() : Optional.of(e.getValue());
    }

    /** Where a build stands: its own release when known, else the nearest lower release of the same major.minor. */
    public Optional<Placement> place(ExchangeBuild build) {
        BuildRelease exact = byBuild.get(build);
        if (exact != null) return Optional.of(new Placement(build, exact, true));
        List<BuildRelease> cu = releasesInCu(build);
        if (!cu.isEmpty() && cu.get(0).build().compareTo(build) > 0) {
            // below every listed release of a known CU (a private build): it is still that CU
            return Optional.of(new Placement(build, cu.get(0), false));
        }
        return nearestLower(build)
                .filter(r -> r.build().major() == build.major() && r.build().minor() == build.minor())
                .map(r -> new Placement(build, r, false));
    }

    /**
     * Where a CU-level build stands (its revision does not show installed updates): the CU's own release when
     * the CU is known, else like {@link #place}.
     */
    public Optional<Placement> placeCu(ExchangeBuild build) {
        List<BuildRelease> cu = releasesInCu(build);
        if (!cu.isEmpty()) {
            BuildRelease base = cu.stream().filter(r -> !r.isUpdate()).findFirst().orElse(cu.get(0));
            return Optional.of(new Placement(build, base, true));
        }
        return place(build);
    }

    /** All releases of a product, oldest first. */
    public List<BuildRelease> releasesOf(Product product) {
        return byProduct.get(product);
    }

    /** The releases in the same cumulative update as {@code build} (major.minor.build), oldest first. */
    public List<BuildRelease> releasesInCu(ExchangeBuild build) {
        return byBuild.subMap(build.cuKey(), true, new ExchangeBuild(build.major(), build.minor(), build.build(),
                Integer.MAX_VALUE), true).values().stream().toList();
    }

    /** The newest release of the product's newest level (its latest CU with its latest update), previews excluded. */
    public Optional<BuildRelease> latest(Product product) {
        return releasesOf(product).stream().filter(r -> !r.level().equalsIgnoreCase("Preview"))
                .max(Comparator.comparing(BuildRelease::build));
    }
}
