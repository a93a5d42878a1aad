package dwell.cli;

import dwell.text.Json;
import dwell.traffic.TrafficAnalysis;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** dwell traffic: the request-rate series and traffic episodes of web logs, without a full scan. */
@Command(name = "traffic", mixinStandardHelpOptions = true,
        description = "Request-rate series (per log and host, per virtual directory) and traffic episodes (floods, password sprays, brute force, the accounts that fell) of the IIS, HttpProxy and access logs among the evidence.")
public final class TrafficCommand implements Callable<Integer> {
    @Mixin
    EvidenceReading evidence = new EvidenceReading();

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "table",
            description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Mixin
    ConsoleOptions console = new ConsoleOptions();

    @Override
    public Integer call() throws IOException {
        Map<String, Object> result;
        try (ConsoleOptions.Live live = console.progress("traffic", false)) {
            live.progress().stage("reading");
            result = TrafficAnalysis.run(evidence.paths(), evidence.limits(), evidence.threads(), live.progress());
            live.finished();
        }
        if (format == OutputFormat.json) {
            System.out.println(Json.pretty(result));
        } else {
            print(result, System.out);
        }
        return 0;
    }

    @SuppressWarnings("unchecked")
    private static void print(Map<String, Object> result, PrintStream out) {
        List<Map<String, Object>> series = (List<Map<String, Object>>) result.get("series");
        Table t = new Table("LOG", "HOST", "FIRST", "LAST", "REQUESTS", "MEAN/MIN", "PEAK/MIN", "PEAK AT", "5XX");
        for (Map<String, Object> s : series) {
            t.row(str(s.get("format")), str(s.get("host")), str(s.get("first")), str(s.get("last")), str(s.get("requests")),
                    str(s.get("mean_per_minute")), str(s.get("peak_per_minute")), str(s.get("peak_minute")), str(s.get("server_errors")));
        }
        t.print(out);
        out.println();
        List<Map<String, Object>> episodes = (List<Map<String, Object>>) result.get("episodes");
        if (episodes.isEmpty()) {
            out.println("No traffic episode (flood, password spray, brute force) in " + series.size() + " series.");
            return;
        }
        Table e = new Table("TIME", "LEVEL", "RULE", "WHAT", "EVIDENCE");
        for (Map<String, Object> m : episodes) {
            e.row(str(m.get("time")), str(m.get("level")), str(m.get("rule")), what((Map<String, Object>) m.get("details")),
                    m.get("path") + ":" + m.get("line"));
        }
        e.print(out);
    }

    /** One line on an episode: its span and size, or the account that fell. */
    private static String what(Map<String, Object> d) {
        if (d.containsKey("episode_rule")) {
            return d.get("account") + " from " + d.get("source") + " after " + d.get("failed_attempts") + " failed attempts";
        }
        if (d.containsKey("peak_per_minute")) {
            return d.get("start") + " .. " + d.get("end") + ": " + d.get("requests") + " requests from " + d.get("sources")
                    + " sources, peak " + d.get("peak_per_minute") + "/min vs baseline " + d.get("baseline_per_minute")
                    + (Boolean.TRUE.equals(d.get("distributed")) ? ", distributed" : ", few sources");
        }
        return d.get("start") + " .. " + d.get("end") + ": " + d.get("attempts") + " attempts on " + d.get("accounts")
                + " accounts from " + d.get("sources") + " sources" + (d.containsKey("account") ? " (" + d.get("account") + ")" : "")
                + ", " + d.get("fell") + " fell";
    }

    private static String str(Object o) {
        return o == null ? "-" : o.toString();
    }
}
