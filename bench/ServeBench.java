import dwell.casefile.CaseFile;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Times `dwell serve`'s API on a large case (bench/serve.sh): each request's first (cold) time and its median over the
 * next 20 (a server runs long: its handlers are compiled by then), next to the core SQL of the same question on a copy
 * of the case straight through DuckDB (median of 20 likewise).
 */
public class ServeBench {
    public static void main(String[] a) throws Exception {
        String[][] asks = {
            {"first page of findings", "/api/findings", "SELECT * FROM findings WHERE last_run = 1 ORDER BY time NULLS LAST, path, line, record, id LIMIT 100"},
            {"findings of one level and host", "/api/findings?level=high&host=EXCH01", "SELECT * FROM findings WHERE last_run = 1 AND level = 'high' "
                    + "AND host = 'EXCH01' ORDER BY time NULLS LAST, path, line, record, id LIMIT 100"},
            {"facets, nothing chosen", "/api/facets", "SELECT level, count(*) FROM findings WHERE last_run = 1 GROUP BY ALL"},
            {"facets, level chosen", "/api/facets?level=high", "SELECT host, count(*) FROM findings WHERE last_run = 1 AND level = 'high' GROUP BY ALL"},
            {"timeline", "/api/timeline", "SELECT date_trunc('day', time), count(*) FROM findings WHERE last_run = 1 GROUP BY ALL"},
            {"search the events", "/api/findings?q=x42.aspx", "SELECT count(*) FROM findings WHERE last_run = 1 AND contains(lower(event), 'x42.aspx')"},
        };
        double[][] raw = new double[asks.length][];
        try (CaseFile c = CaseFile.openExisting(Path.of(a[1]))) {
            for (int i = 0; i < asks.length; i++) {
                String sql = asks[i][2];
                raw[i] = time(() -> {
                    try (Statement st = c.connection().createStatement(); ResultSet rs = st.executeQuery(sql)) {
                        while (rs.next()) rs.getObject(1);
                    }
                });
            }
        }
        Process p = new ProcessBuilder("./dwell", "serve", a[0], "--port", "0").redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            String line = new BufferedReader(new InputStreamReader(p.getInputStream())).readLine();
            Matcher m = Pattern.compile("(http://[^/]+)/\\?token=(\\S+)").matcher(line);
            if (!m.find()) throw new IllegalStateException(line);
            HttpClient http = HttpClient.newHttpClient();
            System.out.printf("%-34s %10s %10s %12s %8s%n", "request", "cold ms", "median ms", "DuckDB ms", "ratio");
            for (int i = 0; i < asks.length; i++) {
                String path = asks[i][1];
                HttpRequest req = HttpRequest.newBuilder(URI.create(m.group(1) + path))
                        .header("Authorization", "Bearer " + m.group(2)).build();
                double[] t = time(() -> {
                    HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() != 200) throw new IllegalStateException(path + ": " + r.statusCode() + " " + r.body());
                });
                System.out.printf("%-34s %10.0f %10.0f %12.0f %8.1f%n", asks[i][0], t[0], t[1], raw[i][1], t[1] / raw[i][1]);
            }
            System.out.println("targets: first page <= 300 ms, a facet query <= 1000 ms (medians)");
        } finally {
            p.destroy();
            p.waitFor();
        }
    }

    interface Work {
        void run() throws Exception;
    }

    /** {first run's ms, median ms of the next twenty}. */
    static double[] time(Work w) throws Exception {
        long t0 = System.nanoTime();
        w.run();
        double cold = (System.nanoTime() - t0) / 1e6;
        double[] runs = new double[20];
        for (int i = 0; i < runs.length; i++) {
            long s = System.nanoTime();
            w.run();
            runs[i] = (System.nanoTime() - s) / 1e6;
        }
        Arrays.sort(runs);
        return new double[] {cold, (runs[9] + runs[10]) / 2};
    }
}
