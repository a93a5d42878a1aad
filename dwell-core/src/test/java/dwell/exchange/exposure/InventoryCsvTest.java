package dwell.exchange.exposure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dwell.exchange.build.ExchangeBuild;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class InventoryCsvTest {
    static List<Observation> read(String text) throws IOException {
        return InventoryCsv.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "inv.csv");
    }

    @Test
    void exportCsvWithTypeLineBomAndQuotes() throws IOException {
        List<Observation> o = read("\uFEFF#TYPE Microsoft.Exchange.Data.Directory.Management.ExchangeServer\r\n"
                + "\"Name\",\"ServerRole\",\"Edition\",\"AdminDisplayVersion\"\r\n"
                + "\"EXCH01\",\"Mailbox, ClientAccess\",\"Standard\",\"Version 15.1 (Build 2106.2)\"\r\n"
                + "EXCH02,Mailbox,Enterprise,Version 15.2 (Build 1118.7)\r\n");
        assertEquals(2, o.size());
        assertEquals("EXCH01", o.get(0).name());
        assertEquals(ExchangeBuild.of("15.1.2106.2"), o.get(0).build());
        assertEquals(Certainty.CU_ONLY, o.get(0).certainty());
        assertEquals("Mailbox, ClientAccess", o.get(0).attributes().get("serverrole"));
        assertEquals("inv.csv:3", o.get(0).source());
        assertEquals(ExchangeBuild.of("15.2.1118.7"), o.get(1).build());
    }

    @Test
    void badVersionBecomesAnUnknownServerNotAnError() throws IOException {
        List<Observation> o = read("Name,AdminDisplayVersion\nEXCH01,\nEXCH02,garbage\n");
        assertNull(o.get(0).build());
        assertNull(o.get(1).build());
        assertTrue(o.get(1).notes().get(0).contains("garbage"));
        assertEquals(Status.UNKNOWN, ExposureAssessorTest.ASSESSOR.assess(o.get(1)).status());
    }

    @Test
    void otherCsvIsRejected() {
        IOException e = assertThrows(IOException.class, () -> read("a,b\n1,2\n"));
        assertTrue(e.getMessage().contains("AdminDisplayVersion"));
        assertThrows(IOException.class, () -> read(""));
    }

    @Test
    void overlongLineIsCutAndFlagged() throws IOException {
        String longName = "X".repeat(InventoryCsv.MAX_LINE + 10);
        List<Observation> o = read("AdminDisplayVersion,Name\nVersion 15.1 (Build 2106.2)," + longName + "\n");
        assertEquals(1, o.size());
        assertTrue(o.get(0).notes().stream().anyMatch(n -> n.contains("cut")), o.get(0).notes().toString());
        assertEquals(ExchangeBuild.of("15.1.2106.2"), o.get(0).build());
    }

    @Test
    void cuLevelBuildOfAKnownCuIsPlacedOnTheCu() {
        ServerAssessment s = ExposureAssessorTest.ASSESSOR.assess(
                new Observation("E", "Version 15.1 (Build 2106.0)", ExchangeBuild.of("15.1.2106.0"), Certainty.CU_ONLY, "t"));
        assertEquals("CU18", s.cu());
        assertTrue(s.buildKnown());
    }
}
