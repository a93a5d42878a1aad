package dwell.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dwell.casefile.CaseFile;
import dwell.casefile.RunInfo;
import dwell.testkit.CaseFixture;
import dwell.text.Json;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report's findings JSON is the same document whichever thread renders its rows: the query's, the report's, or both. */
class FindingsJsonTest {
    private static final Instant T = Instant.parse("2024-05-01T10:00:00Z");
    @TempDir
    Path tmp;

    private static String json(CaseFile c, long aheadChars) throws Exception {
        StringWriter w = new StringWriter();
        try (FindingsQuery q = FindingsQuery.start(c, aheadChars)) {
            q.writeJson(w);
        }
        return w.toString();
    }

    @Test
    void theSameJsonWhereverItsRowsAreRendered() throws Exception {
        Path out = CaseFixture.write(tmp.resolve("out"), 400);
        Path db = tmp.resolve("case.duckdb");
        try (CaseFile c = CaseFile.open(db)) {
            c.importRun(out, new RunInfo("dwell scan x", "0.1.0", "d", T, T));
        }
        try (CaseFile c = CaseFile.openExisting(db)) {
            String ahead = json(c, Long.MAX_VALUE);
            JsonNode doc = Json.MAPPER.readTree(ahead);
            long findings = c.query("SELECT count(*) FROM findings").rows().get(0).get(0) instanceof Number n ? n.longValue() : -1;
            assertEquals(findings, doc.get("rows").size());
            // nothing ahead, the first flush of the generator's buffer ahead, some of the rows ahead
            for (long chars : new long[] {0, 1, 20_000}) assertTrue(ahead.equals(json(c, chars)), "ahead " + chars);
        }
    }
}
