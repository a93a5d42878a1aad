package dwell.spark;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SparkShareEngineTest {
    @Test
    void localMastersRunTheTasksInTheDriversJvmLocalClusterAndOthersDoNot() {
        for (String m : List.of("local", "local[1]", "local[2]", "local[*]", "local[2,3]")) assertTrue(SparkShareEngine.inThisJvm(m), m);
        for (String m : List.of("local-cluster[2,1,1024]", "spark://127.0.0.1:7077", "yarn", "k8s://https://h:443")) {
            assertFalse(SparkShareEngine.inThisJvm(m), m);
        }
    }
}
