package dwell.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dwell.event.LogSource;
import dwell.event.MapEvent;
import dwell.event.Provenance;
import dwell.format.w3c.IisW3cLog;
import dwell.inventory.InventoryPart;
import dwell.pivot.IndexFeed;
import dwell.pivot.IndexHit;
import dwell.pivot.IndexJoin;
import dwell.pivot.ItemIndex;
import dwell.pivot.JoinedIndex;
import dwell.pivot.Kind;
import dwell.pivot.PivotFields;
import dwell.pivot.Value;
import dwell.pivot.ValueQuery;
import dwell.scan.SharePart;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.LongAccumulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The pivot index kept on the executors ({@link SparkIndex}) in {@code local[2]}: its summary comes with the collected
 * parts, from the job that also stores its items, and the items outlive the hunt's parts; a round's few statistics are
 * added up in one stage.
 */
class SparkIndexTest {
    private static final String SERVER = "10.0.0.5";
    /** The client address of every share's third request of a day. */
    private static final Value COMMON = new Value(Kind.IP, "203.0.113.1");
    private JavaSparkContext context;

    /** A {@code local[2]} context with the Spark settings given (name, value, ...). */
    private JavaSparkContext start(String... settings) {
        // Spark keeps one context per JVM: one another test class left would be reused
        if (SparkSession.getDefaultSession().isDefined()) SparkSession.getDefaultSession().get().stop();
        SparkSession.clearActiveSession();
        SparkSession.clearDefaultSession();
        SparkConf conf = new SparkConf(false).setMaster("local[2]").setAppName("dwell test").set("spark.ui.enabled", "false");
        for (int i = 0; i < settings.length; i += 2) conf.set(settings[i], settings[i + 1]);
        context = new JavaSparkContext(conf);
        return context;
    }

    @AfterEach
    void stop() {
        if (context != null) context.stop();
    }

    /** The jobs' descriptions, each with its count of stages, as they start. */
    private static List<String> jobs(JavaSparkContext context) {
        List<String> jobs = new CopyOnWriteArrayList<>();
        context.sc().addSparkListener(new SparkListener() {
            @Override
            public void onJobStart(SparkListenerJobStart start) {
                jobs.add(start.properties().getProperty("spark.job.description", "") + " [" + start.stageInfos().size() + " stages]");
            }
        });
        return jobs;
    }

    /** The two shares' parts, persisted, hunted (each once: {@code hunts} counts). */
    private static JavaRDD<SharePart> parts(JavaSparkContext context, LongAccumulator hunts) {
        JavaRDD<SharePart> parts = context.parallelize(List.of(0, 1), 2).map(s -> {
            hunts.add(1);
            return hunted(s);
        });
        parts.persist(StorageLevel.MEMORY_AND_DISK());
        parts.count();
        return parts;
    }

    /** Share {@code s}'s part: two daily logs of a few requests, some addresses common to both shares. */
    private static SharePart hunted(int s) {
        IndexFeed feed = new IndexFeed(PivotFields.builtin(), Long.MAX_VALUE);
        for (int day = 1; day <= 2; day++) {
            String item = "share" + s + "/u_ex2103" + (10 + day) + ".log";
            for (int line = 1; line <= 5; line++) {
                Map<String, String> f = new LinkedHashMap<>();
                f.put("s-ip", SERVER);
                f.put("cs-method", "GET");
                f.put("cs-uri-stem", "/owa/" + s + "/" + line);
                f.put("c-ip", "203.0.113." + (line % 3 == 0 ? 1 : 100 + 10 * s + line));
                f.put("cs(User-Agent)", "agent-" + line);
                feed.onEvent(new MapEvent(Instant.parse("2021-03-" + (10 + day) + "T10:00:0" + line + "Z"), IisW3cLog.ID,
                        LogSource.webserver(), f, String.join(" ", f.values()), Provenance.line(item, line), "EXCH0" + s), x -> { });
            }
        }
        return new SharePart(List.of(), Map.of(), List.of(), new InventoryPart(List.of(), Map.of()), 10, 10,
                Map.of(3, feed.part()));
    }

    @Test
    void thePartsComeBackWithTheIndexsSummaryAndTheItemsOutliveTheHuntsParts() throws Exception {
        JavaSparkContext context = start();
        List<String> jobs = jobs(context);
        LongAccumulator hunts = context.sc().longAccumulator("hunts");
        JavaRDD<SharePart> parts = parts(context, hunts);

        context.setJobDescription("collect");
        SparkIndex.Kept kept = SparkIndex.collect(parts, SparkIndex::stripped, 2);
        // the hunt's parts go (and its broadcast rules with them): the index must not lead back to them
        parts.unpersist(true);

        List<ItemIndex> items = new ArrayList<>();
        for (int s = 0; s < 2; s++) IndexFeed.items(hunted(s).parts().get(3)).forEachRemaining(items::add);
        Map<String, Integer> counts = new TreeMap<>();
        for (ItemIndex i : items) counts.put(i.item(), i.events());
        assertEquals(2, kept.parts().size());
        for (SharePart p : kept.parts()) assertFalse(IndexFeed.items(p.parts().get(3)).hasNext(), "the items stay on the executors");
        IndexJoin.Summary summary = kept.index().summary();
        assertEquals(counts, new TreeMap<>(summary.items()));
        assertEquals(20, summary.events());
        assertEquals(Set.of(SERVER), summary.serverAddresses());
        assertEquals(items.stream().mapToLong(ItemIndex::bytes).sum(), summary.bytes());
        assertEquals(distinctValues(items), kept.index().distinctValues());

        List<IndexHit> hits = kept.index().hits(new ValueQuery(new TreeSet<>(Set.of(COMMON))), "a test");
        assertEquals(4, hits.size(), hits.toString());
        assertEquals(2, hunts.value(), "each share hunted once");
        // neither the summary nor the count of distinct values (few: they came with the parts) needed a job of its own
        context.sc().listenerBus().waitUntilEmpty();
        assertEquals(3, jobs.size(), jobs.toString());
        assertTrue(jobs.get(1).startsWith("collect "), jobs.toString());
    }

    @Test
    void aPartitionsManyDistinctValuesAreCountedByAJobWithTheSameAnswer() throws Exception {
        // each share's items carry more than 3 / 2 partitions = 1 distinct value: none is sent to the driver, a job counts them
        JavaSparkContext context = start(SparkIndex.BROADCAST_VALUES, "3");
        List<String> jobs = jobs(context);
        SparkIndex.Kept kept = SparkIndex.collect(parts(context, context.sc().longAccumulator()), SparkIndex::stripped, 2);
        List<ItemIndex> items = new ArrayList<>();
        for (int s = 0; s < 2; s++) IndexFeed.items(hunted(s).parts().get(3)).forEachRemaining(items::add);
        assertEquals(distinctValues(items), kept.index().distinctValues());
        context.sc().listenerBus().waitUntilEmpty();
        assertTrue(jobs.stream().anyMatch(j -> j.contains("distinct values")), jobs.toString());
    }

    private static int distinctValues(List<ItemIndex> items) {
        Set<Value> distinct = new HashSet<>();
        for (ItemIndex i : items) distinct.addAll(i.values());
        // the shares have values of their own beside the common ones: a count that merged nothing would be larger
        assertTrue(distinct.size() < items.stream().mapToInt(i -> i.values().size()).sum());
        return distinct.size();
    }

    @Test
    void aFewValuesStatisticsAreAddedUpByTheDriverInOneStageMoreInAShuffleByValueWithTheSameAnswer() throws Exception {
        // 2 values in 2 partitions: 4 partial statistics at most, which a bound of 3 sends through the shuffle
        for (String bound : List.of("100000", "3")) {
            JavaSparkContext context = start(SparkIndex.BROADCAST_VALUES, bound);
            List<String> jobs = jobs(context);
            SparkIndex.Kept kept = SparkIndex.collect(parts(context, context.sc().longAccumulator()), SparkIndex::stripped, 2);
            try (JoinedIndex index = new JoinedIndex(kept.index())) {
                index.weighing(List.of(COMMON, new Value(Kind.SERVER_IP, SERVER)), "a test");
                assertEquals(4, index.count(COMMON));
                assertEquals(1, index.distinctAlongside(COMMON, Kind.USER_AGENT, 10));
                assertEquals(20, index.count(new Value(Kind.SERVER_IP, SERVER)));
                assertEquals(9, index.distinctAlongside(new Value(Kind.SERVER_IP, SERVER), Kind.IP, 20));
                assertEquals(5, index.distinctAlongside(new Value(Kind.SERVER_IP, SERVER), Kind.USER_AGENT, 20));
                assertEquals(0, index.unannounced());
            }
            context.sc().listenerBus().waitUntilEmpty();
            String statistics = jobs.stream().filter(j -> j.startsWith("dwell: a test, statistics")).findFirst().orElseThrow();
            assertTrue(statistics.endsWith(bound.equals("3") ? "[2 stages]" : "[1 stages]"), jobs.toString());
            context.stop();
        }
    }
}
