package dwell.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dwell.evidence.Catalog;
import dwell.evidence.CatalogLimits;
import dwell.read.ItemReading;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InventoryBuilderTest {
    @TempDir
    Path dir;

    private static String w3c(LocalDate day, int lines) {
        StringBuilder sb = new StringBuilder("#Software: Microsoft Internet Information Services 10.0\r\n#Fields: date "
                + "time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) "
                + "sc-status sc-substatus sc-win32-status time-taken\r\n");
        for (int i = 0; i < lines; i++) {
            sb.append(day).append(String.format(" 10:%02d:00 10.0.0.21 GET /owa/ - 443 - 10.0.1.9 Mozilla/5.0 - 200 0 0 15\r\n", i));
        }
        return sb.toString();
    }

    private Path log(String rel, LocalDate day, int lines) throws IOException {
        Path p = dir.resolve(rel);
        Files.createDirectories(p.getParent());
        return Files.writeString(p, w3c(day, lines));
    }

    private Inventory take(int threads) throws IOException {
        InventoryBuilder b = new InventoryBuilder();
        new Catalog(CatalogLimits.DEFAULT, threads).walk(List.of(dir), new ItemReading(b));
        return b.build();
    }

    @Test
    void sharesMergedGiveTheInventoryOfOneWalkAndASeriesGapAcrossShares() throws Exception {
        LocalDate d = LocalDate.of(2021, 3, 1);
        Path first = log("W3SVC1/u_ex210301.log", d, 2);
        Path fourth = log("W3SVC1/u_ex210304.log", d.plusDays(3), 3);
        Path fifth = log("W3SVC1/u_ex210305.log", d.plusDays(4), 1);
        Inventory whole = take(2);
        InventoryBuilder merged = new InventoryBuilder();
        for (List<Path> share : List.of(List.of(fourth), List.of(first, fifth))) {
            InventoryBuilder b = new InventoryBuilder();
            new Catalog(CatalogLimits.DEFAULT, 1).walk(share, new ItemReading(b));
            merged.merge(b.part());
        }
        Inventory split = merged.build();
        assertEquals(whole.gaps(), split.gaps());
        // days 2 and 3 are missing: known only from both shares' days together
        assertEquals(1, split.gaps().size());
        assertEquals(d.plusDays(1), split.gaps().get(0).from());
        assertEquals(whole.totalEvents(), split.totalEvents());
        assertEquals(whole.formats(), split.formats());
    }

    @Test
    void seriesIsTheFolderAndZippedLogsContinueTheirArchivesFolder() {
        assertEquals("a/W3SVC1", InventoryBuilder.series("a/W3SVC1/u_ex210303.log"));
        assertEquals("a/W3SVC1", InventoryBuilder.series("a/W3SVC1/old.zip!/u_ex190411.log"));
        assertEquals("a/W3SVC1", InventoryBuilder.series("a/W3SVC1/u_ex190411.log.gz!/u_ex190411.log"));
        assertEquals("t.tgz!/inetpub/W3SVC1", InventoryBuilder.series("t.tgz!/inetpub/W3SVC1/u_ex190411.log"));
        assertEquals(".", InventoryBuilder.series("u_ex190411.log"));
        assertEquals("a\\b".replace('\\', '/'), InventoryBuilder.series("a\\b\\u_ex.log"));
    }

    @Test
    void gapsAreTheMissingDaysOfEachSeries() throws Exception {
        LocalDate d = LocalDate.of(2021, 3, 1);
        log("W3SVC1/u_ex210301.log", d, 2);
        log("W3SVC1/u_ex210302.log", d.plusDays(1), 1);
        log("W3SVC1/u_ex210306.log", d.plusDays(5), 1);
        log("W3SVC1/u_ex210308.log", d.plusDays(7), 1);
        log("W3SVC2/u_ex210301.log", d, 1);
        log("W3SVC2/u_ex210303.log", d.plusDays(2), 1);
        // an empty day file is no coverage
        Files.writeString(dir.resolve("W3SVC2/u_ex210302.log"), w3c(d.plusDays(1), 0));
        Inventory inv = take(2);
        String s1 = dir.resolve("W3SVC1").toString();
        String s2 = dir.resolve("W3SVC2").toString();
        assertEquals(List.of(new Gap(s1, d.plusDays(2), d.plusDays(4)), new Gap(s1, d.plusDays(6), d.plusDays(6)),
                new Gap(s2, d.plusDays(1), d.plusDays(1))), inv.gaps());
        assertEquals(7, inv.totalEvents());
        assertEquals(new FormatTotals(7, 7, java.time.Instant.parse("2021-03-01T10:00:00Z"),
                java.time.Instant.parse("2021-03-08T10:00:00Z")), inv.formats().get("iis-w3c"));
    }

    @Test
    void zippedOldLogsCloseTheGapToTheFolder() throws Exception {
        LocalDate d = LocalDate.of(2019, 12, 30);
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bo)) {
            for (int i = 0; i < 2; i++) {
                z.putNextEntry(new ZipEntry(String.format("u_ex1912%02d.log", 30 + i)));
                z.write(w3c(d.plusDays(i), 1).getBytes(StandardCharsets.UTF_8));
            }
        }
        Files.createDirectories(dir.resolve("W3SVC1"));
        Files.write(dir.resolve("W3SVC1/old-logs.zip"), bo.toByteArray());
        log("W3SVC1/u_ex200101.log", d.plusDays(2), 1);
        log("W3SVC1/u_ex200103.log", d.plusDays(4), 1);
        Inventory inv = take(1);
        assertEquals(List.of(new Gap(dir.resolve("W3SVC1").toString(), d.plusDays(3), d.plusDays(3))), inv.gaps());
    }

    @Test
    void unrecognisedContentIsAProblemOnlyWhereTheNameClaimsALog() throws Exception {
        Files.write(dir.resolve("u_ex210301.log"), new byte[] {0, 1, 2, 3, (byte) 0xff, 0});
        Files.write(dir.resolve("events.json"), new byte[] {0, 1, 2, 3, (byte) 0xff, 0});
        Files.writeString(dir.resolve("shell.aspx"), "<%@ Page Language=\"Jscript\"%><%eval(Request.Item[\"p\"],\"unsafe\");%>");
        Files.write(dir.resolve("image.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0});
        Inventory inv = take(1);
        for (ItemSummary s : inv.items()) {
            String name = s.item().fileName();
            boolean claimsLog = name.endsWith(".log") || name.endsWith(".json");
            assertEquals(claimsLog ? "content matches no known log format: not read" : null, s.error(), name);
        }
        assertTrue(InventoryBuilder.looksLikeLog("HttpProxy_2021030300-1.LOG"));
        assertTrue(InventoryBuilder.looksLikeLog("Security.evtx"));
        assertFalse(InventoryBuilder.looksLikeLog("logon.css"));
    }

    @Test
    void samePathGivenTwiceIsOneItem() throws Exception {
        Path p = log("W3SVC1/u_ex210301.log", LocalDate.of(2021, 3, 1), 3);
        InventoryBuilder b = new InventoryBuilder();
        new Catalog(CatalogLimits.DEFAULT, 2).walk(List.of(p, p, dir), new ItemReading(b));
        Inventory inv = b.build();
        assertEquals(1, inv.items().size());
        assertEquals(3, inv.totalEvents());
    }
}
