package dwell.spark;

import java.util.ArrayList;
import java.util.List;

/**
 * The application's entry for spark-submit: {@code spark-submit --class dwell.spark.Submit dwell-spark-app.jar
 * <dwell scan arguments>} runs {@code dwell scan} with its shares on the master spark-submit was given.
 */
public final class Submit {
    /** The master value meaning "the one spark-submit set". */
    static final String SUBMITTED = "spark-submit";

    private Submit() {
    }

    public static void main(String[] args) {
        List<String> line = new ArrayList<>(List.of("scan"));
        line.addAll(List.of(args));
        line.add("--spark");
        line.add(SUBMITTED);
        dwell.cli.Main.main(line.toArray(String[]::new));
    }
}
