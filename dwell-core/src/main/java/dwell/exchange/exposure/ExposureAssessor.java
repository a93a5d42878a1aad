package dwell.exchange.exposure;

import dwell.exchange.build.BuildCatalog;
import dwell.exchange.build.BuildRelease;
import dwell.exchange.build.ExchangeBuild;
import dwell.exchange.build.Placement;
import dwell.exchange.build.Product;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Decides which known vulnerabilities a server's build leaves open. A build is fixed for a CVE when it is at or
 * above the fixing build of its own CU, or when its CU is newer than every CU that received the fix; a CU that
 * never received the fix is vulnerable until upgraded. With a CU-level build (inventory), a fix delivered by a
 * security update is unseen: the CVE is at risk unless that update is installed, never patched.
 */
public final class ExposureAssessor {
    private final BuildCatalog builds;
    private final VulnerabilityCatalog vulnerabilities;
    private final LocalDate asOf;
    private final Map<String, List<BuildRelease>> fixCache = new ConcurrentHashMap<>();

    /**
     * Judges as of {@code asOf}: product support on that day (2013 is unsupported after 2023-04-11), and only the
     * builds, CVEs and exploitation reports public by then, so a past day shows what an administrator could know.
     */
    public ExposureAssessor(BuildCatalog builds, VulnerabilityCatalog vulnerabilities, LocalDate asOf) {
        this.builds = builds.asOf(asOf);
        this.vulnerabilities = vulnerabilities.asOf(asOf);
        this.asOf = asOf;
    }

    /** The shipped knowledge, judged as of today (UTC). */
    public static ExposureAssessor builtin() {
        return new ExposureAssessor(BuildCatalog.builtin(), VulnerabilityCatalog.builtin(), LocalDate.now(ZoneOffset.UTC));
    }

    /** {@link #builtin()} judging as of today (UTC), made at the first {@code get} (then the same one). */
    public static Supplier<ExposureAssessor> builtinWhenNeeded() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        return new Supplier<>() {
            private ExposureAssessor made;

            @Override
            public synchronized ExposureAssessor get() {
                if (made == null) made = new ExposureAssessor(BuildCatalog.builtin(), VulnerabilityCatalog.builtin(), today);
                return made;
            }
        };
    }

    public BuildCatalog builds() {
        return builds;
    }

    public ServerAssessment assess(Observation o) {
        if (o.build() == null) {
            return unknown(o, "'" + o.version() + "' is not an Exchange build number");
        }
        ExchangeBuild build = o.build();
        Optional<Placement> placed = o.certainty().updateKnown() ? builds.place(build) : builds.placeCu(build);
        if (placed.isEmpty()) {
            return unknown(o, "build " + build + " is not an Exchange release dwell knows (no known release of "
                    + build.major() + "." + build.minor() + " at or below it)");
        }
        Placement p = placed.get();
        BuildRelease rel = p.release();
        Product product = rel.product();
        boolean sameCu = p.sameCuAsRelease();
        List<String> notes = new ArrayList<>(o.notes());
        String placedBy = null;
        if (!p.known()) {
            placedBy = rel.name() + " (" + rel.build() + ")";
            notes.add("build " + build + " is not in the build list: assessed by the nearest lower known build, " + placedBy
                    + (sameCu ? "" : ", as a newer CU"));
        }
        List<VulnerabilityExposure> open = new ArrayList<>();
        Map<Vulnerability, BuildRelease> fixInCu = new HashMap<>();
        for (Vulnerability v : vulnerabilities.all()) {
            if (!v.products().contains(product)) continue;
            evaluate(v, build, product, o.certainty(), fixInCu).ifPresent(open::add);
        }
        List<VulnerabilityExposure> unlisted = missingUnlistedUpdates(build, product, o.certainty(), fixInCu);
        List<String> missing = unlisted.stream().filter(e -> e.exposure() == Exposure.VULNERABLE).map(e -> e.vulnerability().cve()).toList();
        List<String> perhaps = unlisted.stream().filter(e -> e.exposure() == Exposure.AT_RISK).map(e -> e.vulnerability().cve()).toList();
        if (!missing.isEmpty()) notes.add("missing security updates whose CVEs are not in dwell's table: " + String.join(", ", missing));
        if (!perhaps.isEmpty()) notes.add("perhaps missing (the CU does not show it) security updates whose CVEs are not in dwell's table: " + String.join(", ", perhaps));
        Status status;
        if (product.unsupportedOn(asOf)) {
            status = Status.UNSUPPORTED;
        } else if (open.stream().anyMatch(e -> e.exposure() == Exposure.VULNERABLE)) {
            status = Status.VULNERABLE;
        } else if (!open.isEmpty() || !unlisted.isEmpty()) {
            status = Status.AT_RISK;
        } else {
            status = Status.PATCHED;
        }
        String su = o.certainty().updateKnown() && sameCu ? rel.update() : null;
        String action = action(build, product, sameCu, status, open, fixInCu, unlisted);
        return new ServerAssessment(o.name(), build.toString(), product, sameCu ? rel.level() : null, su, o.certainty(),
                status, open, action, p.known(), placedBy, o.source(), o.attributes(), notes);
    }

    private ServerAssessment unknown(Observation o, String why) {
        List<String> notes = new ArrayList<>(o.notes());
        notes.add(why);
        return new ServerAssessment(o.name(), o.build() == null ? o.version() : o.build().toString(), null, null, null,
                o.certainty(), Status.UNKNOWN, List.of(),
                "determine the build: on the server, (Get-Command ExSetup.exe).FileVersionInfo.FileVersion",
                false, null, o.source(), o.attributes(), notes);
    }

    private Optional<VulnerabilityExposure> evaluate(Vulnerability v, ExchangeBuild build, Product product,
                                                     Certainty certainty, Map<Vulnerability, BuildRelease> fixInCuOut) {
        if (v.configurationOnly()) {
            return v.configuration().appliesTo(build)
                    ? Optional.of(new VulnerabilityExposure(v, Exposure.CHECK_CONFIGURATION, List.of(), v.configuration().check()))
                    : Optional.empty();
        }
        List<BuildRelease> fixes = fixingReleases(v, product);
        List<ExchangeBuild> fixedIn = fixes.stream().map(BuildRelease::build).toList();
        if (fixes.isEmpty()) {
            // no release of this product carries the fix: the knowledge table and build list disagree
            return Optional.of(new VulnerabilityExposure(v, Exposure.VULNERABLE, List.of(),
                    "no " + product.displayName() + " build carrying " + v.update() + " is known"));
        }
        if (!certainty.updateKnown() && rollupsUnseen(product)) {
            // Exchange 2007/2010 update rollups change the build, but AdminDisplayVersion keeps the service pack's
            if (fixes.stream().anyMatch(f -> build.compareTo(f.build()) >= 0)) return configured(v, build, fixedIn);
            BuildRelease first = fixes.stream().filter(f -> f.build().compareTo(build) > 0).findFirst().orElse(fixes.get(0));
            fixInCuOut.put(v, first);
            return Optional.of(new VulnerabilityExposure(v, Exposure.AT_RISK, fixedIn, "at risk unless " + first.name()
                    + " (" + first.build() + ") or a later rollup is installed (AdminDisplayVersion does not show rollups)"));
        }
        BuildRelease inCu = fixes.stream().filter(f -> f.build().sameCu(build)).findFirst().orElse(null);
        BuildRelease newest = fixes.get(fixes.size() - 1);
        if (inCu != null) {
            fixInCuOut.put(v, inCu);
            boolean seen = certainty.updateKnown() || !inCu.isUpdate();
            if (seen && build.compareTo(inCu.build()) >= 0) return configured(v, build, fixedIn);
            if (!seen) {
                return Optional.of(new VulnerabilityExposure(v, Exposure.AT_RISK, fixedIn, "at risk unless "
                        + inCu.update() + " (" + inCu.build() + ") or a later security update is installed"));
            }
            return Optional.of(new VulnerabilityExposure(v, Exposure.VULNERABLE, fixedIn, "install " + describe(inCu)));
        }
        ExchangeBuild newestCu = fixes.stream().map(f -> f.build().cuKey()).max(Comparator.naturalOrder()).orElseThrow();
        if (build.cuKey().compareTo(newestCu) > 0) return configured(v, build, fixedIn);
        String remedy = newest.isUpdate()
                ? "this CU never received " + v.update() + ": upgrade to " + newest.levelName() + " and install "
                  + newest.update() + " (" + newest.build() + "), or to a later CU"
                : "upgrade to " + newest.levelName() + " (" + newest.build() + ") or later";
        return Optional.of(new VulnerabilityExposure(v, Exposure.VULNERABLE, fixedIn, remedy));
    }

    private static Optional<VulnerabilityExposure> configured(Vulnerability v, ExchangeBuild build, List<ExchangeBuild> fixedIn) {
        if (v.configuration() != null && v.configuration().appliesTo(build)) {
            return Optional.of(new VulnerabilityExposure(v, Exposure.CHECK_CONFIGURATION, fixedIn, v.configuration().check()));
        }
        return Optional.empty();
    }

    private static boolean rollupsUnseen(Product p) {
        return p == Product.EXCHANGE_2007 || p == Product.EXCHANGE_2010;
    }

    /** The releases of a product that fix a CVE, oldest first: those carrying its update (on the listed levels) and its extra fixing builds. */
    List<BuildRelease> fixingReleases(Vulnerability v, Product product) {
        return fixCache.computeIfAbsent(v.cve() + '\0' + product, k -> {
            Set<BuildRelease> out = new LinkedHashSet<>();
            for (BuildRelease r : builds.releasesOf(product)) {
                if (!r.carries(v.update())) continue;
                if (!v.levels().isEmpty()
                        && !v.levels().contains(VulnerabilityCatalog.normaliseLevel(product.key() + " " + r.level()))) continue;
                out.add(r);
            }
            for (ExchangeBuild b : v.fixedIn()) {
                builds.exact(b).filter(r -> r.product() == product).ifPresent(out::add);
            }
            // per CU keep only the lowest fixing build: later updates of the CU include it
            Map<ExchangeBuild, BuildRelease> perCu = new TreeMap<>();
            for (BuildRelease r : out) perCu.merge(r.build().cuKey(), r, (a, b) -> a.build().compareTo(b.build()) <= 0 ? a : b);
            return List.copyOf(perCu.values());
        });
    }

    private String action(ExchangeBuild build, Product product, boolean sameCu, Status status,
                          List<VulnerabilityExposure> open, Map<Vulnerability, BuildRelease> fixInCu,
                          List<VulnerabilityExposure> unlisted) {
        List<String> parts = new ArrayList<>();
        Optional<BuildRelease> latest = builds.latest(product);
        Optional<BuildRelease> latestInCu = sameCu
                ? builds.releasesInCu(build).stream().reduce((a, b) -> b) : Optional.empty();
        List<VulnerabilityExposure> all = new ArrayList<>(open);
        all.addAll(unlisted);
        boolean vulnerable = all.stream().anyMatch(e -> e.exposure() == Exposure.VULNERABLE);
        boolean cuUpgrade = all.stream().anyMatch(e -> e.exposure() == Exposure.VULNERABLE && !fixInCu.containsKey(e.vulnerability()));
        if (status == Status.UNSUPPORTED) {
            parts.add("migrate to Exchange SE: " + product.displayName() + " is out of support since "
                    + product.endOfSupport() + " and receives no security updates");
        }
        if (vulnerable) {
            if (!cuUpgrade && latestInCu.isPresent()) {
                parts.add("install " + describe(latestInCu.get()));
            } else {
                latest.ifPresent(l -> parts.add((status == Status.UNSUPPORTED ? "until then, upgrade to " : "upgrade to ")
                        + l.levelName() + (l.isUpdate() ? " and install " + l.update() : "") + " (" + l.build() + ")"));
            }
        }
        List<VulnerabilityExposure> atRisk = all.stream().filter(e -> e.exposure() == Exposure.AT_RISK).toList();
        if (!atRisk.isEmpty()) {
            BuildRelease needed = atRisk.stream().map(e -> fixInCu.get(e.vulnerability()))
                    .max(Comparator.comparing(BuildRelease::build)).orElseThrow();
            String install;
            if (latestInCu.isPresent() && latestInCu.get().build().equals(needed.build())) {
                install = "install it";
            } else if (latestInCu.isPresent() && latestInCu.get().build().compareTo(needed.build()) > 0) {
                install = "install " + describe(latestInCu.get());
            } else {
                install = latest.map(l -> "install " + describe(l)).orElse("install it");
            }
            parts.add("confirm the installed update with ExSetup.exe's file version (the inventory shows the CU only): unless "
                    + (needed.isUpdate() ? needed.update() : needed.name()) + " (" + needed.build() + ") or later is installed, "
                    + install);
        }
        Set<String> checks = new LinkedHashSet<>();
        for (VulnerabilityExposure e : open) {
            if (e.exposure() == Exposure.CHECK_CONFIGURATION) checks.add(e.remedy() + " (" + e.vulnerability().cve() + ")");
        }
        if (!checks.isEmpty()) parts.add("check configuration: " + String.join("; ", checks));
        if (product.extendedSecurityUpdates() && product.pastEndOfSupport(asOf)) {
            parts.add(product.displayName() + " support ended " + product.endOfSupport()
                    + ": security updates only through the Extended Security Update programme; plan the move to Exchange SE");
        }
        if (parts.isEmpty()) parts.add("none: no known vulnerability is open");
        return String.join("; ", parts);
    }

    /**
     * Security updates of the build list that dwell's CVE table does not cover (their CVEs unknown to it) and
     * that the build lacks, judged like a CVE fixed by that update.
     */
    private List<VulnerabilityExposure> missingUnlistedUpdates(ExchangeBuild build, Product product, Certainty certainty,
                                                              Map<Vulnerability, BuildRelease> fixInCu) {
        Set<String> listed = new HashSet<>();
        for (Vulnerability v : vulnerabilities.all()) {
            if (v.update() != null) listed.add(v.update());
        }
        Set<String> ids = new TreeSet<>();
        for (BuildRelease r : builds.releasesOf(product)) {
            if (!r.isUpdate() || !r.update().contains("SU")) continue;
            String id = r.update().replaceAll("v\\d+$", "");
            if (!listed.contains(id)) ids.add(id);
        }
        List<VulnerabilityExposure> out = new ArrayList<>();
        List<String> sorted = new ArrayList<>(ids);
        sorted.sort(Comparator.comparing(id -> builds.releasesOf(product).stream().filter(r -> r.carries(id))
                .map(BuildRelease::released).min(Comparator.naturalOrder()).orElseThrow()));
        for (String id : sorted) {
            Vulnerability pseudo = new Vulnerability(id, "security fixes of " + id, Severity.IMPORTANT, Set.of(product), id,
                    LocalDate.MIN, Set.of(), List.of(), null, null, null);
            evaluate(pseudo, build, product, certainty, fixInCu).ifPresent(out::add);
        }
        return out;
    }

    private static String describe(BuildRelease r) {
        return (r.isUpdate() ? r.update() + " for " + r.levelName() : r.levelName()) + " (" + r.build() + ")";
    }
}
