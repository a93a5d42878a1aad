package dwell.exchange.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dwell.Corpora;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class BuildListImportTest {
    static Path supplement() {
        return Corpora.repoRoot().resolve("dwell-core/data/exchange/builds-supplement.csv");
    }

    @Test
    void committedResourceIsWhatTheGeneratorMakesOfTheCorpus() throws IOException {
        String generated;
        try (Reader src = Files.newBufferedReader(Corpora.path("exchange/ExchangeBuildNumbers.csv"), StandardCharsets.UTF_8);
             Reader sup = Files.newBufferedReader(supplement(), StandardCharsets.UTF_8)) {
            generated = BuildListImport.generate(src, sup);
        }
        String shipped;
        try (InputStream in = BuildCatalog.class.getResourceAsStream(BuildCatalog.RESOURCE)) {
            shipped = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertEquals(generated, shipped, "regenerate builds.csv: see dwell-core/data/exchange/README.md");
    }

    @Test
    void everyUpstreamRowIsKeptOnceNormalised() throws IOException {
        Path csv = Corpora.path("exchange/ExchangeBuildNumbers.csv");
        long rows = Files.readAllLines(csv, StandardCharsets.UTF_8).stream().skip(1).filter(l -> !l.isBlank()).count();
        long extra = Files.readAllLines(supplement(), StandardCharsets.UTF_8).stream().skip(1).filter(l -> !l.isBlank()).count();
        assertEquals(rows + extra, BuildCatalog.builtin().all().size());
        BuildCatalog c = BuildCatalog.builtin();
        BuildRelease cu18 = c.exact(ExchangeBuild.of("15.1.2106.2")).orElseThrow();
        assertEquals("Exchange 2016 CU18", cu18.name());
        assertEquals("KB4571788", cu18.kb());
        for (String feb20 : List.of("15.0.1497.6", "15.1.1847.7", "15.1.1913.7", "15.2.464.11", "15.2.529.8")) {
            assertEquals("Feb20SU", c.exact(ExchangeBuild.of(feb20)).orElseThrow().update(), feb20);
        }
        assertTrue(c.all().stream().anyMatch(r -> r.product() == Product.EXCHANGE_SE));
    }

    @Test
    void conflictingNamesForOneBuildAreRejected() {
        String a = "Product Name,Build Number,Date,KB,Blog\nExchange 2016 CU18,15.01.2106.002,9/15/2020,KB4571788,\n";
        String b = "Product Name,Build Number,Date,KB,Blog\nExchange 2016 CU19,15.1.2106.2,9/15/2020,KB1,\n";
        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> BuildListImport.generate(new StringReader(a), new StringReader(b)));
        assertTrue(e.getMessage().contains("15.1.2106.2"), e.getMessage());
    }

    @Test
    void badRowsNameTheirLine() {
        String bad = "Product Name,Build Number,Date,KB,Blog\nExchange 2016 CU18,15.1.x,9/15/2020,,\n";
        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> BuildListImport.generate(new StringReader(bad), new StringReader("Product Name,Build Number,Date,KB,Blog\n")));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }
}
