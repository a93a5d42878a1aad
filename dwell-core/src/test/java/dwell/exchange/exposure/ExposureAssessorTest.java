package dwell.exchange.exposure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dwell.exchange.build.BuildCatalog;
import dwell.exchange.build.ExchangeBuild;
import dwell.exchange.build.Product;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExposureAssessorTest {
    static final LocalDate AS_OF = LocalDate.of(2026, 9, 1);
    static final ExposureAssessor ASSESSOR =
            new ExposureAssessor(BuildCatalog.builtin(), VulnerabilityCatalog.builtin(), AS_OF);

    static ServerAssessment assess(String build, Certainty certainty) {
        return assess(ASSESSOR, build, certainty);
    }

    static ServerAssessment assess(ExposureAssessor a, String build, Certainty certainty) {
        return a.assess(new Observation("S", build, ExchangeBuild.parse(build).orElse(null), certainty, "test"));
    }

    /** The exposure of one CVE on a build: fixed when the CVE is not listed. */
    static String state(ServerAssessment s, String cve) {
        Optional<VulnerabilityExposure> e = s.vulnerabilities().stream()
                .filter(v -> v.vulnerability().cve().equals(cve)).findFirst();
        return e.map(v -> v.exposure().id()).orElse("fixed");
    }

    @ParameterizedTest(name = "{0} exact: {1} {2}")
    @CsvSource({
            // Feb20SU, CVE-2020-0688: 2013 CU23 / 2016 CU15 / 2019 CU4 before, at, after; CUs that never got it
            "15.0.1497.2,  CVE-2020-0688, vulnerable",
            "15.0.1497.6,  CVE-2020-0688, fixed",
            "15.0.1497.12, CVE-2020-0688, fixed",
            "15.0.1473.3,  CVE-2020-0688, vulnerable",
            "15.1.1913.5,  CVE-2020-0688, vulnerable",
            "15.1.1913.7,  CVE-2020-0688, fixed",
            "15.1.1979.3,  CVE-2020-0688, fixed",
            "15.1.1779.2,  CVE-2020-0688, vulnerable",
            "15.2.529.5,   CVE-2020-0688, vulnerable",
            "15.2.529.8,   CVE-2020-0688, fixed",
            "15.2.595.3,   CVE-2020-0688, fixed",
            "14.3.468.0,   CVE-2020-0688, vulnerable",
            "14.3.496.0,   CVE-2020-0688, fixed",
            "14.3.509.0,   CVE-2020-0688, fixed",
            // Mar21SU, ProxyLogon
            "15.0.1497.6,  CVE-2021-26855, vulnerable",
            "15.0.1497.12, CVE-2021-26855, fixed",
            "15.0.1497.15, CVE-2021-26855, fixed",
            "15.0.1130.7,  CVE-2021-26855, vulnerable",
            "15.0.1395.12, CVE-2021-26855, fixed",
            "15.1.2106.2,  CVE-2021-26855, vulnerable",
            "15.1.2106.13, CVE-2021-26855, fixed",
            "15.1.2242.4,  CVE-2021-26855, fixed",
            "15.1.1261.35, CVE-2021-26855, vulnerable",
            "15.1.1415.10, CVE-2021-26855, fixed",
            "15.2.792.3,   CVE-2021-26855, vulnerable",
            "15.2.792.10,  CVE-2021-26855, fixed",
            "15.2.858.5,   CVE-2021-26855, fixed",
            "14.3.509.0,   CVE-2021-26857, vulnerable",
            "14.3.513.0,   CVE-2021-26857, fixed",
            // Mar21SU CVEs fixed only on the latest CUs: an older CU's Mar21SU does not fix them
            "15.1.2044.13, CVE-2021-26412, vulnerable",
            "15.1.2106.13, CVE-2021-26412, fixed",
            "15.1.2044.13, CVE-2021-26855, fixed",
            // Apr21SU: ProxyShell, fixed in April, disclosed in July
            "15.1.2176.9,  CVE-2021-34473, vulnerable",
            "15.1.2176.12, CVE-2021-34473, fixed",
            "15.1.2106.13, CVE-2021-34473, vulnerable",
            "15.1.2308.8,  CVE-2021-34523, fixed",
            "15.2.792.10,  CVE-2021-34523, vulnerable",
            "15.2.792.13,  CVE-2021-34523, fixed",
            "15.2.922.7,   CVE-2021-34473, fixed",
            "15.0.1497.12, CVE-2021-28482, vulnerable",
            "15.0.1497.15, CVE-2021-28482, fixed",
            // May21SU, Jul21SU
            "15.2.858.10,  CVE-2021-31207, vulnerable",
            "15.2.858.12,  CVE-2021-31207, fixed",
            "15.2.922.7,   CVE-2021-31207, fixed",
            "15.1.2242.10, CVE-2021-31206, vulnerable",
            "15.1.2242.12, CVE-2021-31206, fixed",
            "15.1.2375.7,  CVE-2021-31206, fixed",
            // Oct21SU: the CU released at the same time already held CVE-2021-26427's fix
            "15.1.2308.14, CVE-2021-26427, vulnerable",
            "15.1.2308.15, CVE-2021-26427, fixed",
            "15.1.2375.7,  CVE-2021-26427, fixed",
            "15.1.2375.7,  CVE-2021-41350, vulnerable",
            "15.1.2375.12, CVE-2021-41350, fixed",
            // Nov21SU
            "15.2.986.9,   CVE-2021-42321, vulnerable",
            "15.2.986.14,  CVE-2021-42321, fixed",
            // Nov22SU, ProxyNotShell
            "15.0.1497.42, CVE-2022-41040, vulnerable",
            "15.0.1497.44, CVE-2022-41040, fixed",
            "15.1.2507.13, CVE-2022-41082, vulnerable",
            "15.1.2507.16, CVE-2022-41082, fixed",
            "15.1.2507.17, CVE-2022-41082, fixed",
            "15.1.2308.27, CVE-2022-41082, vulnerable",
            "15.1.2375.37, CVE-2022-41080, fixed",
            "15.2.1118.15, CVE-2022-41040, vulnerable",
            "15.2.1118.20, CVE-2022-41040, fixed",
            "15.2.1258.12, CVE-2022-41040, fixed",
            // Feb23SU
            "15.0.1497.45, CVE-2023-21529, vulnerable",
            "15.0.1497.47, CVE-2023-21529, fixed",
            "15.2.1118.21, CVE-2023-21529, vulnerable",
            "15.2.1118.25, CVE-2023-21529, fixed",
            "15.2.1258.12, CVE-2023-21529, fixed",
            "15.1.2507.17, CVE-2023-21706, vulnerable",
            "15.1.2507.21, CVE-2023-21706, fixed",
            // Mar24SU across 2016 / 2019 CU13 / CU14 / CU15
            "15.1.2507.35, CVE-2024-26198, vulnerable",
            "15.1.2507.37, CVE-2024-26198, fixed",
            "15.2.1258.28, CVE-2024-26198, vulnerable",
            "15.2.1258.32, CVE-2024-26198, fixed",
            "15.2.1544.4,  CVE-2024-26198, vulnerable",
            "15.2.1544.9,  CVE-2024-26198, fixed",
            "15.2.1748.10, CVE-2024-26198, fixed",
            // 2025 SUs on SE and 2019
            "15.2.2562.17, CVE-2025-25005, vulnerable",
            "15.2.2562.20, CVE-2025-25005, fixed",
            "15.2.2562.29, CVE-2025-59249, fixed",
            "15.2.2562.27, CVE-2025-59249, vulnerable",
            "15.2.1748.37, CVE-2025-53782, vulnerable",
            "15.2.1748.39, CVE-2025-53782, fixed",
            // CVE-2024-21410: configuration before 2019 CU14, not on CU14 or later
            "15.2.1258.39, CVE-2024-21410, check-configuration",
            "15.1.2507.72, CVE-2024-21410, check-configuration",
            "15.2.1544.4,  CVE-2024-21410, fixed",
            "15.2.1748.49, CVE-2024-21410, fixed",
            // Aug22SU: fixed by the update but only with Extended Protection
            "15.2.1118.9,  CVE-2022-24516, vulnerable",
            "15.2.1118.12, CVE-2022-24516, check-configuration",
            "15.2.1544.4,  CVE-2022-24516, fixed",
    })
    void exactBuilds(String build, String cve, String expected) {
        assertEquals(expected, state(assess(build, Certainty.EXACT), cve), build + " " + cve);
    }

    @Test
    void productsNotAffectedListNothing() {
        // ProxyLogon did not affect Exchange SE (it did not exist) nor CVE-2021-26855 Exchange 2010
        assertEquals("fixed", state(assess("15.2.2562.17", Certainty.EXACT), "CVE-2021-26855"));
        assertEquals("fixed", state(assess("14.3.509.0", Certainty.EXACT), "CVE-2021-26855"));
    }

    @Test
    void proxyLogonServerReportsWhatToInstall() {
        ServerAssessment s = assess("15.1.2106.2", Certainty.EXACT);
        assertEquals(Status.VULNERABLE, s.status());
        assertEquals(Product.EXCHANGE_2016, s.product());
        assertEquals("CU18", s.cu());
        assertNull(s.su());
        assertTrue(s.buildKnown());
        VulnerabilityExposure pl = s.vulnerabilities().stream()
                .filter(v -> v.vulnerability().cve().equals("CVE-2021-26855")).findFirst().orElseThrow();
        assertEquals(LocalDate.of(2021, 1, 6), pl.vulnerability().exploitedSince());
        assertTrue(pl.fixedIn().contains(ExchangeBuild.of("15.1.2106.13")));
        assertTrue(pl.remedy().contains("15.1.2106.13"), pl.remedy());
        // CU18 never received Apr21SU, so the action is a CU upgrade to the newest build
        VulnerabilityExposure ps = s.vulnerabilities().stream()
                .filter(v -> v.vulnerability().cve().equals("CVE-2021-34473")).findFirst().orElseThrow();
        assertTrue(ps.remedy().contains("never received Apr21SU"), ps.remedy());
        assertTrue(s.action().startsWith("upgrade to Exchange 2016 CU23 and install "), s.action());
    }

    @Test
    void suOnlyGapAsksForTheCusLatestUpdate() {
        ServerAssessment s = assess("15.1.2507.35", Certainty.EXACT); // CU23 Nov23SU
        assertEquals(Status.VULNERABLE, s.status());
        assertEquals("Nov23SU", s.su());
        assertTrue(s.action().startsWith("install "), s.action());
        assertTrue(s.action().contains("(15.1.2507.72)"), s.action());
    }

    @Test
    void missingUpdatesWithoutCveKnowledgeAreNotPatched() {
        ServerAssessment s = assess("15.2.1748.39", Certainty.EXACT); // 2019 CU15 Oct25SU
        assertEquals(Status.AT_RISK, s.status());
        assertTrue(s.notes().stream().anyMatch(n -> n.contains("Dec25SU") && n.contains("Aug26SU")), s.notes().toString());
        assertTrue(s.action().startsWith("install Aug26SU for Exchange 2019 CU15 (15.2.1748.49)"), s.action());
        // CU13 never received them: the way out is a CU upgrade
        ServerAssessment cu13 = assess("15.2.1258.39", Certainty.EXACT);
        assertTrue(cu13.action().startsWith("upgrade to Exchange 2019 CU15"), cu13.action());
        // the newest update of an older CU that received every later update is patched
        assertEquals(Status.PATCHED, assess("15.2.1544.44", Certainty.EXACT).status());
    }

    @Test
    void latestSeIsPatched() {
        ServerAssessment s = assess("15.2.2562.46", Certainty.EXACT);
        assertEquals(Status.PATCHED, s.status());
        assertEquals(Product.EXCHANGE_SE, s.product());
        assertEquals("Aug26SU", s.su());
        assertTrue(s.vulnerabilities().isEmpty());
        assertTrue(s.action().startsWith("none"), s.action());
    }

    @Test
    void latest2019CuIsPatchedButToldAboutEndOfSupport() {
        ServerAssessment s = assess("15.2.1748.49", Certainty.EXACT);
        assertEquals(Status.PATCHED, s.status());
        assertTrue(s.action().contains("Extended Security Update"), s.action());
    }

    @Test
    void exchange2016CanNeverBePatchedWithoutCheckingExtendedProtection() {
        ServerAssessment s = assess("15.1.2507.72", Certainty.EXACT);
        assertEquals(Status.AT_RISK, s.status());
        assertTrue(s.action().contains("Extended Protection"), s.action());
    }

    @Test
    void exchange2013IsUnsupportedAfterApril2023() {
        ServerAssessment after = assess("15.0.1497.48", Certainty.EXACT);
        assertEquals(Status.UNSUPPORTED, after.status());
        assertTrue(after.action().contains("out of support since 2023-04-11"), after.action());
        ExposureAssessor march2023 = new ExposureAssessor(BuildCatalog.builtin(), VulnerabilityCatalog.builtin(),
                LocalDate.of(2023, 3, 20));
        // every update installed, yet Aug22SU's fixes need Extended Protection, which the build cannot show
        ServerAssessment before = assess(march2023, "15.0.1497.48", Certainty.EXACT);
        assertEquals(Status.AT_RISK, before.status());
        assertEquals("check-configuration", state(before, "CVE-2022-24516"));
        assertFalse(before.vulnerabilities().stream().anyMatch(v -> v.exposure() == Exposure.VULNERABLE));
        assertEquals(Status.VULNERABLE, assess(march2023, "15.0.1497.42", Certainty.EXACT).status());
    }

    @Test
    void aPastDayShowsWhatWasKnownThen() {
        ExposureAssessor march2021 = new ExposureAssessor(BuildCatalog.builtin(), VulnerabilityCatalog.builtin(),
                LocalDate.of(2021, 3, 3));
        ServerAssessment s = assess(march2021, "15.1.2106.2", Certainty.EXACT);
        assertEquals(Status.VULNERABLE, s.status());
        assertEquals("vulnerable", state(s, "CVE-2021-26855"));
        assertEquals("fixed", state(s, "CVE-2021-34473")); // ProxyShell was not yet fixed nor known
        assertEquals("install Mar21SU for Exchange 2016 CU18 (15.1.2106.13)", s.action());
        ServerAssessment patched = assess(march2021, "15.1.2106.13", Certainty.EXACT);
        assertEquals(Status.PATCHED, patched.status());
        // exploitation reported later is not yet known: CVE-2023-21529 was in CISA KEV only from 2026-04-13
        ExposureAssessor y2024 = new ExposureAssessor(BuildCatalog.builtin(), VulnerabilityCatalog.builtin(),
                LocalDate.of(2024, 1, 1));
        VulnerabilityExposure e = assess(y2024, "15.2.1118.21", Certainty.EXACT).vulnerabilities().stream()
                .filter(v -> v.vulnerability().cve().equals("CVE-2023-21529")).findFirst().orElseThrow();
        assertFalse(e.vulnerability().exploited());
    }

    @Test
    void exchange2010IsUnsupportedAndStillListsWhatItLacks() {
        ServerAssessment s = assess("14.3.509.0", Certainty.EXACT);
        assertEquals(Status.UNSUPPORTED, s.status());
        assertEquals(Product.EXCHANGE_2010, s.product());
        assertEquals("SP3 RU31", s.cu());
        assertEquals("vulnerable", state(s, "CVE-2021-26857"));
        assertTrue(s.action().startsWith("migrate to Exchange SE"), s.action());
    }

    @Test
    void unknownRevisionIsPlacedByNearestLowerBuildAndFlagged() {
        ServerAssessment s = assess("15.1.2106.20", Certainty.EXACT);
        assertFalse(s.buildKnown());
        assertEquals("CU18", s.cu());
        assertTrue(s.placedBy().contains("15.1.2106.13"), s.placedBy());
        assertEquals("fixed", state(s, "CVE-2021-26855"));
        assertTrue(s.notes().get(0).contains("not in the build list"), s.notes().toString());
        // between the CU and its Mar21SU: placed by the CU release, still vulnerable
        ServerAssessment mid = assess("15.1.2106.8", Certainty.EXACT);
        assertFalse(mid.buildKnown());
        assertEquals("vulnerable", state(mid, "CVE-2021-26855"));
    }

    @Test
    void buildBelowItsCusFirstListedReleaseStaysInThatCu() {
        ServerAssessment s = assess("15.1.2106.1", Certainty.EXACT);
        assertFalse(s.buildKnown());
        assertEquals("CU18", s.cu());
        assertEquals("vulnerable", state(s, "CVE-2021-26855"));
    }

    @Test
    void unknownNewerCuIsPlacedAsANewerCu() {
        ServerAssessment s = assess("15.2.2600.3", Certainty.EXACT);
        assertFalse(s.buildKnown());
        assertEquals(Product.EXCHANGE_SE, s.product());
        assertNull(s.cu());
        assertEquals(Status.PATCHED, s.status());
    }

    @Test
    void notExchangeIsUnknown() {
        assertEquals(Status.UNKNOWN, assess("15.9.1.1", Certainty.EXACT).status());
        assertEquals(Status.UNKNOWN, assess("not a build", Certainty.EXACT).status());
        assertEquals(Status.UNKNOWN, assess("6.0.1.1", Certainty.EXACT).status());
    }

    @ParameterizedTest(name = "{0} cu-only: {1} {2}")
    @CsvSource({
            "15.1.2106.2,  CVE-2021-26855, at-risk",
            "15.1.2106.2,  CVE-2021-34473, vulnerable",
            "15.1.2242.4,  CVE-2021-26855, fixed",
            "15.1.2242.4,  CVE-2021-34473, at-risk",
            "15.1.2375.7,  CVE-2021-26427, fixed",
            "15.1.2375.7,  CVE-2021-41350, at-risk",
            "15.2.858.5,   CVE-2021-31207, at-risk",
            "15.2.1258.12, CVE-2022-41040, fixed",
            "15.2.1258.12, CVE-2023-36439, at-risk",
            "15.0.1497.2,  CVE-2020-0688, at-risk",
            "15.0.1473.3,  CVE-2020-0688, vulnerable",
            // Exchange 2010's AdminDisplayVersion keeps the service pack build whatever rollup is installed
            "14.3.123.4,   CVE-2021-26857, at-risk",
            "14.3.123.4,   CVE-2020-0688, at-risk",
            "14.3.513.0,   CVE-2021-26857, fixed",
    })
    void cuOnlyBuilds(String build, String cve, String expected) {
        assertEquals(expected, state(assess(build, Certainty.CU_ONLY), cve), build + " " + cve);
    }

    @Test
    void cuOnlyNeverSaysPatchedWhenAnUpdateIsNeeded() {
        ServerAssessment s = assess("15.2.2562.17", Certainty.CU_ONLY);
        assertEquals(Status.AT_RISK, s.status());
        assertNull(s.su());
        VulnerabilityExposure e = s.vulnerabilities().get(0);
        assertTrue(e.remedy().startsWith("at risk unless Aug25SU (15.2.2562.20)"), e.remedy());
        assertTrue(s.action().contains("unless Aug26SU (15.2.2562.46) or later is installed, install it"), s.action());
    }

    @Test
    void everyAffectedProductHasAFixingBuild() {
        for (Vulnerability v : VulnerabilityCatalog.builtin().all()) {
            if (v.configurationOnly()) continue;
            for (Product p : v.products()) {
                assertFalse(ASSESSOR.fixingReleases(v, p).isEmpty(), v.cve() + " has no fixing build for " + p);
            }
        }
    }

    @Test
    void theReleaseJustBeforeEachFixOfEachCuIsVulnerable() {
        // every CVE family, every CU that received its fix: the CU's release right before the fix lacks it
        int checked = 0;
        for (Vulnerability v : VulnerabilityCatalog.builtin().all()) {
            if (v.configurationOnly()) continue;
            for (Product p : v.products()) {
                for (var fix : ASSESSOR.fixingReleases(v, p)) {
                    var before = BuildCatalog.builtin().releasesInCu(fix.build()).stream()
                            .filter(r -> r.build().compareTo(fix.build()) < 0).reduce((a, b) -> b);
                    if (before.isEmpty()) continue;
                    String st = state(assess(before.get().build().toString(), Certainty.EXACT), v.cve());
                    assertEquals("vulnerable", st, v.cve() + " on " + before.get().name() + " (before " + fix.name() + ")");
                    checked++;
                }
            }
        }
        assertTrue(checked > 300, "checked " + checked);
    }

    @Test
    void buildsReleasedAfterAFixInTheSameCuAreFixed() {
        // consistency of knowledge and build list: any later update of a CU that got the fix must count as fixed
        for (var r : BuildCatalog.builtin().all()) {
            ServerAssessment s = assess(r.build().toString(), Certainty.EXACT);
            for (Vulnerability v : VulnerabilityCatalog.builtin().all()) {
                if (v.configurationOnly() || !v.products().contains(r.product())) continue;
                boolean fixedHere = ASSESSOR.fixingReleases(v, r.product()).stream()
                        .anyMatch(f -> f.build().sameCu(r.build()) && f.build().compareTo(r.build()) <= 0);
                if (!fixedHere) continue;
                String st = state(s, v.cve());
                assertTrue(st.equals("fixed") || st.equals("check-configuration"), v.cve() + " on " + r.name() + ": " + st);
            }
        }
    }
}
