package dwell.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Reads a scan's Parquet tables back with Spark and holds them to its findings.jsonl, row by row. */
final class ParquetCheck {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ParquetCheck() {
    }

    /**
     * The findings' tables hold findings.jsonl's rows; the index table ({@code indicators}) holds as many distinct values
     * as the local engine's own index ({@code indexValues}, from its summary.json) and, for every pivot finding, the
     * value it was found by at its event.
     */
    static void matches(String folder, List<String> findingLines, long indexValues) throws Exception {
        SparkSession spark = SparkSession.builder().master("local[1]").appName("dwell parquet check")
                .config("spark.ui.enabled", "false").config("spark.sql.session.timeZone", "UTC")
                // on 127.0.0.1, not the address of the machine's first interface
                .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
        try {
            List<Row> findings = spark.read().parquet(folder + "/findings").collectAsList();
            List<Row> indicators = spark.read().parquet(folder + "/finding_indicators").collectAsList();
            indexHolds(spark, folder, findingLines, indexValues);
            assertEquals(findingLines.size(), findings.size(), "finding rows");
            List<List<Object>> expectedIndicators = new ArrayList<>();
            for (int i = 0; i < findings.size(); i++) {
                JsonNode f = JSON.readTree(findingLines.get(i));
                Row r = findings.get(i);
                JsonNode ev = f.get("evidence");
                assertEquals(Arrays.asList(f.get("id").asText(), time(f), f.get("detector").asText(),
                                f.get("rule").get("id").asText(), text(f.get("rule").get("level")), text(f.get("host")),
                                ev.get("path").asText(), ev.get("sha256").asText(), ev.get("format").asText(),
                                ev.get("line").asLong(), ev.get("record").asLong()),
                        Arrays.asList(r.getAs("id"), time(r), r.getAs("detector"), r.getAs("rule_id"),
                                r.getAs("level"), r.getAs("host"), r.getAs("path"), r.getAs("sha256"), r.getAs("format"),
                                r.<Long>getAs("line"), r.<Long>getAs("record")), "row " + i);
                Map<String, String> event = new LinkedHashMap<>();
                f.get("event").fields().forEachRemaining(e -> event.put(e.getKey(), e.getValue().asText()));
                assertEquals(event, scala.jdk.javaapi.CollectionConverters.asJava(r.<scala.collection.Map<String, String>>getAs("event")), "event " + i);
                assertEquals(f.has("details") ? f.get("details") : null, r.getAs("details") == null ? null : JSON.readTree(r.<String>getAs("details")));
                assertEquals(f.get("indicators").size(), r.getList(r.fieldIndex("indicators")).size(), "indicators of row " + i);
                for (JsonNode ind : f.get("indicators")) {
                    expectedIndicators.add(Arrays.asList(ind.get("type").asText(), text(ind.get("value")), f.get("id").asText(),
                            ev.get("path").asText(), ev.get("line").asLong(), text(f.get("host")), time(f)));
                }
            }
            List<List<Object>> actual = new ArrayList<>();
            for (Row r : indicators) {
                actual.add(Arrays.asList(r.getAs("kind"), r.getAs("value"), r.getAs("finding_id"), r.getAs("path"), r.<Long>getAs("line"),
                        r.getAs("host"), time(r)));
            }
            assertEquals(expectedIndicators, actual);
        } finally {
            spark.stop();
        }
    }

    private static void indexHolds(SparkSession spark, String folder, List<String> findingLines, long indexValues) throws Exception {
        var index = spark.read().parquet(folder + "/indicators");
        assertEquals(indexValues, index.select("kind", "value").distinct().count(), "distinct values of the index table");
        java.util.Set<List<Object>> entries = new java.util.HashSet<>();
        for (Row r : index.select("kind", "value", "path", "line", "record").collectAsList()) {
            entries.add(Arrays.asList(r.getString(0), r.getString(1), r.getString(2), r.getLong(3), r.getLong(4)));
        }
        int pivots = 0;
        for (String line : findingLines) {
            JsonNode f = JSON.readTree(line);
            if (!f.get("detector").asText().equals("pivot")) continue;
            JsonNode by = f.get("details").get("indicator");
            JsonNode ev = f.get("evidence");
            List<Object> entry = Arrays.asList(by.get("type").asText(), by.get("value").asText(), ev.get("path").asText(),
                    ev.get("line").asLong(), ev.get("record").asLong());
            // a pair (an account from an address) is found as its two halves on one event
            if (!by.get("type").asText().equals("account-address")) org.junit.jupiter.api.Assertions.assertTrue(entries.contains(entry), entry + " not in the index table");
            pivots++;
        }
        org.junit.jupiter.api.Assertions.assertTrue(pivots > 0, "no pivot finding to look up in the index table");
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }

    private static Instant time(JsonNode finding) {
        String t = text(finding.get("time"));
        return t == null ? null : Instant.parse(t);
    }

    private static Instant time(Row r) {
        java.sql.Timestamp t = r.getAs("time");
        return t == null ? null : t.toInstant();
    }
}
