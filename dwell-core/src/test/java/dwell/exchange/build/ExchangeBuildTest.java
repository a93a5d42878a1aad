package dwell.exchange.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ExchangeBuildTest {
    @Test
    void zeroPaddedBuildsAreNormalised() {
        assertEquals("15.1.2106.2", ExchangeBuild.of("15.01.2106.002").toString());
        assertEquals("14.3.513.0", ExchangeBuild.of("14.03.0513.000").toString());
        assertEquals(ExchangeBuild.of("15.1.2106.2"), ExchangeBuild.of(" 15.01.2106.002 "));
    }

    @Test
    void adminDisplayVersionAndThreePartBuildsParse() {
        assertEquals("15.1.2106.2", ExchangeBuild.of("Version 15.1 (Build 2106.2)").toString());
        assertEquals("14.3.123.4", ExchangeBuild.of("version 14.3 (build 123.4)").toString());
        assertEquals("15.1.2106.0", ExchangeBuild.of("15.1.2106").toString());
        assertTrue(ExchangeBuild.parse("15.1").isEmpty());
        assertTrue(ExchangeBuild.parse("v15").isEmpty());
        assertTrue(ExchangeBuild.parse("15.1.2106.2.7").isEmpty());
        assertTrue(ExchangeBuild.parse("99999999999.1.1.1").isEmpty());
    }

    @Test
    void orderIsNumericNotTextual() {
        assertTrue(ExchangeBuild.of("15.1.2106.13").compareTo(ExchangeBuild.of("15.1.2106.2")) > 0);
        assertTrue(ExchangeBuild.of("15.2.1118.7").compareTo(ExchangeBuild.of("15.2.986.42")) > 0);
        assertTrue(ExchangeBuild.of("15.1.2106.13").sameCu(ExchangeBuild.of("15.1.2106.2")));
        assertFalse(ExchangeBuild.of("15.1.2106.13").sameCu(ExchangeBuild.of("15.1.2176.2")));
    }

    @Test
    void releaseNamesSplitIntoProductLevelAndUpdate() {
        LocalDate d = LocalDate.of(2023, 8, 15);
        BuildRelease r = BuildRelease.fromName("Exchange 2016 CU23 Aug23SUv2", ExchangeBuild.of("15.1.2507.32"), "KB5030524", d);
        assertEquals(Product.EXCHANGE_2016, r.product());
        assertEquals("CU23", r.level());
        assertEquals("Aug23SUv2", r.update());
        assertTrue(r.carries("Aug23SU"));
        assertFalse(r.carries("Aug23"));
        BuildRelease cu13 = BuildRelease.fromName("Exchange 2019 CU13 (2023H1)", ExchangeBuild.of("15.2.1258.12"), "", d);
        assertEquals("CU13", cu13.level());
        assertEquals(null, cu13.update());
        assertEquals("SP3 RU32", BuildRelease.fromName("Exchange 2010 SP3 RU32", ExchangeBuild.of("14.3.513.0"), "", d).level());
        assertEquals("RTM", BuildRelease.fromName("Exchange SE RTM Aug25SU", ExchangeBuild.of("15.2.2562.20"), "", d).level());
        assertEquals(Product.EXCHANGE_SE, BuildRelease.fromName("Exchange SE RTM", ExchangeBuild.of("15.2.2562.17"), "", d).product());
        assertEquals("Apr24HU", BuildRelease.fromName("Exchange 2019 CU14 Apr24HU", ExchangeBuild.of("15.2.1544.11"), "", d).update());
    }

    @Test
    void usDatesParse() {
        assertEquals(LocalDate.of(2023, 2, 14), BuildListImport.usDate("02/14/2023"));
        assertEquals(LocalDate.of(2021, 3, 2), BuildListImport.usDate("3/2/2021"));
    }
}
