package dwell.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What Spark's event log says each job (by its description) cost: bytes its tasks sent to the driver and shuffled. */
final class SparkEventLog {
    /** One job description's totals over the jobs that bore it. */
    record Job(int jobs, long resultBytes, long shuffleBytes) {
        Job plus(Job o) {
            return new Job(jobs + o.jobs, resultBytes + o.resultBytes, shuffleBytes + o.shuffleBytes);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private SparkEventLog() {
    }

    /** Every job description of the logs in {@code folder}, with its totals. */
    static Map<String, Job> jobs(Path folder) throws IOException {
        Map<Integer, String> stageJob = new HashMap<>();
        Map<String, Job> out = new TreeMap<>();
        List<Path> logs;
        try (var files = Files.list(folder)) {
            logs = files.toList();
        }
        for (Path log : logs) {
            for (String line : Files.readAllLines(log)) {
                JsonNode e = JSON.readTree(line);
                switch (e.path("Event").asText()) {
                    case "SparkListenerJobStart" -> {
                        String d = e.path("Properties").path("spark.job.description").asText("");
                        e.path("Stage IDs").forEach(s -> stageJob.put(s.asInt(), d));
                        out.merge(d, new Job(1, 0, 0), Job::plus);
                    }
                    case "SparkListenerTaskEnd" -> {
                        JsonNode m = e.path("Task Metrics");
                        String d = stageJob.getOrDefault(e.path("Stage ID").asInt(), "");
                        out.merge(d, new Job(0, m.path("Result Size").asLong(),
                                m.path("Shuffle Write Metrics").path("Shuffle Bytes Written").asLong()), Job::plus);
                    }
                    default -> { }
                }
            }
        }
        return out;
    }
}
