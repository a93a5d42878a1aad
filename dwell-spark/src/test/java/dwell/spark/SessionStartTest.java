package dwell.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dwell.scan.ScanInputException;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SessionStartTest {
    private static SparkConf conf(String master) {
        return new SparkConf(false).setMaster(master).setAppName("dwell test").set("spark.ui.enabled", "false");
    }

    /** Spark keeps one context per JVM: one another test class left would be reused, on its thread. */
    @BeforeEach
    void noSessionYet() {
        if (SparkSession.getDefaultSession().isDefined()) SparkSession.getDefaultSession().get().stop();
        if (SparkSession.getActiveSession().isDefined()) SparkSession.getActiveSession().get().stop();
        SparkSession.clearActiveSession();
        SparkSession.clearDefaultSession();
    }

    @Test
    void theSessionStartsOnAThreadOfItsOwnAndIsTheSameSessionEachTimeUntilStopped() {
        SessionStart start = SessionStart.of("local[1]", conf("local[1]"));
        SparkSession session = start.get();
        try {
            assertSame(session, start.get());
            assertEquals(1, session.sparkContext().defaultParallelism());
            // the builder makes the session active on the thread that built it, and this thread did not
            assertTrue(SparkSession.getActiveSession().isEmpty());
            assertSame(session, SparkSession.getDefaultSession().get());
        } finally {
            start.stop();
        }
        assertTrue(session.sparkContext().isStopped());
    }

    @Test
    void aMasterSparkCannotUseIsTheUsersInputNamingItAndLeavesNothingToStop() {
        SessionStart start = SessionStart.of("nonsense://x", conf("nonsense://x"));
        ScanInputException e = assertThrows(ScanInputException.class, start::get);
        assertEquals("spark nonsense://x", e.subject());
        assertTrue(e.getMessage().contains("Could not parse Master URL"), e.getMessage());
        start.stop();
    }
}
