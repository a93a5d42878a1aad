package dwell.exchange.pack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dwell.format.exchange.OabGeneratorLog;
import dwell.format.w3c.IisW3cLog;
import dwell.hunt.Finding;
import dwell.hunt.Indicator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OabDownloadCheckTest {
    private static final String PREFIX = "2021-03-03T07:24:38.123Z,0,,OABGenerator,Error,";

    @Test
    void pathOutsideTheOabFolderIsFlagged() {
        assertEquals(Optional.of("C:\\inetpub\\wwwroot\\aspnet_client\\shell.aspx"), OabDownloadCheck.suspiciousPath(PREFIX
                + "Download failed and temporary file 'C:\\inetpub\\wwwroot\\aspnet_client\\shell.aspx' needs to be removed."));
        assertEquals(Optional.of("C:\\Program Files\\Microsoft\\Exchange Server\\V15\\FrontEnd\\HttpProxy\\owa\\auth\\x.aspx"),
                OabDownloadCheck.suspiciousPath("download FAILED and temporary file \"C:\\Program Files\\Microsoft\\Exchange Server\\V15"
                        + "\\FrontEnd\\HttpProxy\\owa\\auth\\x.aspx\" NEEDS to be removed"));
    }

    @Test
    void tempFilesUnderClientAccessOabAreExchangesOwn() {
        assertEquals(Optional.empty(), OabDownloadCheck.suspiciousPath(PREFIX + "Download failed and temporary file "
                + "'C:\\Program Files\\Microsoft\\Exchange Server\\V15\\ClientAccess\\OAB\\Temp\\1a2b.tmp' needs to be removed."));
        assertEquals(Optional.empty(), OabDownloadCheck.suspiciousPath(PREFIX + "Download failed and temporary file "
                + "'D:\\Exchange\\ClientAccess\\OAB\\5d7e-4c\\oab.lzx' needs to be removed."));
        assertTrue(OabDownloadCheck.isOabFolder("\\\\?\\E:\\Exchange Server\\V15\\ClientAccess\\OAB\\x.tmp"));
    }

    @Test
    void climbingOutOfTheOabFolderIsFlagged() {
        assertEquals(Optional.of("C:\\Program Files\\Microsoft\\Exchange Server\\V15\\ClientAccess\\OAB\\..\\..\\FrontEnd\\HttpProxy\\ecp\\auth\\a.aspx"),
                OabDownloadCheck.suspiciousPath("Download failed and temporary file 'C:\\Program Files\\Microsoft\\Exchange Server"
                        + "\\V15\\ClientAccess\\OAB\\..\\..\\FrontEnd\\HttpProxy\\ecp\\auth\\a.aspx' needs to be removed"));
        assertFalse(OabDownloadCheck.isOabFolder("C:\\V15\\ClientAccess\\OABX\\a.tmp"));
        assertFalse(OabDownloadCheck.isOabFolder("C:\\inetpub\\ClientAccess-OAB\\a.tmp"));
    }

    @Test
    void otherLinesAreIgnored() {
        assertEquals(Optional.empty(), OabDownloadCheck.suspiciousPath(PREFIX + "Download of the OAB succeeded"));
        assertEquals(Optional.empty(), OabDownloadCheck.suspiciousPath("Download failed and temporary file '' needs to be removed"));
    }

    @Test
    void emitsACriticalFindingOnOabEventsOnly() {
        OabDownloadCheck check = new OabDownloadCheck(PackEvents.RULES);
        String raw = PREFIX + "Download failed and temporary file 'C:\\inetpub\\wwwroot\\aspnet_client\\shell.aspx' needs to be removed.";
        PackEvents.Sink sink = new PackEvents.Sink();
        check.onEvent(PackEvents.line(OabGeneratorLog.ID, "EXCH01/OABGeneratorLog/OABGenerator_2021030301-1.LOG", 7,
                "2021-03-03T07:24:38.123Z", raw), sink);
        check.onEvent(PackEvents.line(IisW3cLog.ID, "u_ex210303.log", 7, "2021-03-03T07:24:38Z", raw), sink);
        assertEquals(1, sink.findings.size());
        Finding f = sink.findings.get(0);
        assertEquals("exchange", f.detector());
        assertEquals("critical", f.rule().level().id());
        assertTrue(f.rule().tags().contains("cve.2021-26858"));
        assertEquals(7, f.evidence().line());
        assertEquals("exchange-oab", f.evidence().format());
        assertEquals(List.of(new Indicator("path", "C:\\inetpub\\wwwroot\\aspnet_client\\shell.aspx")), f.indicators());
        assertEquals("2021-03-03T07:24:38.123Z", f.time().toString());
    }
}
