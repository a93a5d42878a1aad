package dwell.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

class SparkShareEngineTest {
    @Test
    void localMastersRunTheTasksInTheDriversJvmLocalClusterAndOthersDoNot() {
        for (String m : List.of("local", "local[1]", "local[2]", "local[*]", "local[2,3]")) assertTrue(SparkShareEngine.inThisJvm(m), m);
        for (String m : List.of("local-cluster[2,1,1024]", "spark://127.0.0.1:7077", "yarn", "k8s://https://h:443")) {
            assertFalse(SparkShareEngine.inThisJvm(m), m);
        }
    }

    @Test
    void executorsGetTheParallelCollectorUnlessTheirOptionsAreSetOrNameACollector() {
        SparkConf plain = new SparkConf(false);
        SparkShareEngine.executorCollector(plain);
        assertEquals("-XX:+UseParallelGC", plain.get("spark.executor.defaultJavaOptions"));

        SparkConf admin = new SparkConf(false).set("spark.executor.defaultJavaOptions", "-XX:+UseZGC");
        SparkShareEngine.executorCollector(admin);
        assertEquals("-XX:+UseZGC", admin.get("spark.executor.defaultJavaOptions"));

        SparkConf extra = new SparkConf(false).set("spark.executor.extraJavaOptions", "-XX:+UseG1GC -Xss4m");
        SparkShareEngine.executorCollector(extra);
        assertFalse(extra.contains("spark.executor.defaultJavaOptions"));

        SparkConf other = new SparkConf(false).set("spark.executor.extraJavaOptions", "-Xss4m");
        SparkShareEngine.executorCollector(other);
        assertEquals("-XX:+UseParallelGC", other.get("spark.executor.defaultJavaOptions"));
    }
}
