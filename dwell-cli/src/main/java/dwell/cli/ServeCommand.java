package dwell.cli;

import dwell.serve.Workbench;
import dwell.text.Json;
import dwell.text.SafeText;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** dwell serve: the investigation workbench, a local web application over a case file, until interrupted. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serves the investigation workbench on a case file: overview, incidents, findings with facets and "
                + "search, each finding's event, and triage saved in the case (table triage). Runs until interrupted.")
public final class ServeCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "CASE", description = "The case file (OUT/case.duckdb).")
    Path caseFile;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "The address to listen on (default: ${DEFAULT-VALUE}); any other than loopback is warned about.")
    String bind;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080", description = "The port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--analyst", paramLabel = "NAME", description = "The name triage decisions are saved under (default: the user's login name).")
    String analyst;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "table",
            description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}): how the address is printed.")
    OutputFormat format;

    @Mixin
    ConsoleOptions console = new ConsoleOptions();

    @Override
    public Integer call() throws Exception {
        CaseArgument.existing(caseFile);
        if (port < 0 || port > 65535) throw new InputError("--port must be 0 to 65535, not " + port);
        InetAddress address;
        try {
            address = InetAddress.getByName(bind);
        } catch (UnknownHostException e) {
            throw new InputError("--bind: unknown address " + bind);
        }
        Workbench w;
        try {
            w = Workbench.start(caseFile, address, port, analyst == null ? System.getProperty("user.name") : analyst);
        } catch (SQLException e) {
            throw CaseArgument.unreadable(caseFile, e);
        } catch (RuntimeException e) {
            throw new InputError("cannot serve on " + bind + ":" + port + ": " + e.getMessage(), e);
        }
        if (!Workbench.loopback(address)) {
            System.err.println("dwell: warning: serving on " + bind + ", reachable from other machines; anyone with the address "
                    + "and token can read and triage the case");
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                w.close();
            } catch (SQLException e) {
                System.err.println("dwell: closing the case: " + e.getMessage());
            }
            stopped.countDown();
        }));
        if (format == OutputFormat.json) {
            System.out.println(Json.LINE.writeValueAsString(Json.object().put("case", caseFile.toString()).put("url", w.url())));
        } else {
            System.out.println("Serving " + SafeText.visible(caseFile.toString()) + " at " + w.url());
        }
        System.out.flush();
        stopped.await();
        return 0;
    }
}
