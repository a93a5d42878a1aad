package dwell.cli;

import dwell.text.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dwell.exchange.build.BuildCatalog;
import dwell.exchange.build.ExchangeBuild;
import dwell.exchange.exposure.Certainty;
import dwell.exchange.exposure.ExposureAssessor;
import dwell.exchange.exposure.InventoryCsv;
import dwell.exchange.exposure.Observation;
import dwell.exchange.exposure.OwaProbe;
import dwell.exchange.exposure.ServerAssessment;
import dwell.exchange.exposure.VulnerabilityCatalog;
import dwell.exchange.exposure.VulnerabilityExposure;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** dwell exposure: which Exchange servers are vulnerable, to what, since when, and what to install. */
@Command(name = "exposure", mixinStandardHelpOptions = true,
        description = "Tells which Exchange servers are vulnerable, to which CVEs, exploited since when, and what to install.")
public final class ExposureCommand implements Callable<Integer> {
    @Option(names = "--build", paramLabel = "[NAME=]VERSION",
            description = "An ExSetup.exe file version (exact), e.g. 15.1.2106.13 or EXCH01=15.01.2106.013.")
    List<String> builds = new ArrayList<>();

    @Option(names = "--inventory", paramLabel = "FILE",
            description = "A Get-ExchangeServer | Export-Csv file (Name, AdminDisplayVersion): CU level only.")
    List<Path> inventories = new ArrayList<>();

    @Option(names = "--probe", paramLabel = "URL",
            description = "Read a server's build remotely with GET requests only (OWA header, logon page, ECP export tool).")
    List<String> probes = new ArrayList<>();

    @Option(names = "--insecure", description = "Accept self-signed or mismatching TLS certificates when probing.")
    boolean insecure;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "Connect and response timeout of each probe request, seconds (default: ${DEFAULT-VALUE}).")
    int timeout;

    @Option(names = "--as-of", paramLabel = "DATE",
            description = "Judge as of this day (YYYY-MM-DD; default: today, UTC): product support then, and only the builds, CVEs and exploitation public by then.")
    String asOf;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "table",
            description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Mixin
    ConsoleOptions console = new ConsoleOptions();

    @Override
    public Integer call() {
        if (builds.isEmpty() && inventories.isEmpty() && probes.isEmpty()) {
            throw new InputError("exposure: give at least one --build, --inventory or --probe");
        }
        if (timeout < 1 || timeout > 600) throw new InputError("--timeout must be 1..600 seconds: " + timeout);
        LocalDate day = LocalDate.now(ZoneOffset.UTC);
        if (asOf != null) {
            try {
                day = LocalDate.parse(asOf);
            } catch (DateTimeParseException e) {
                throw new InputError("--as-of: not a YYYY-MM-DD date: " + asOf);
            }
        }
        List<Observation> observations = new ArrayList<>();
        List<String> unreachable = new ArrayList<>();
        for (String b : builds) observations.add(buildObservation(b));
        for (Path f : inventories) observations.addAll(inventory(f));
        if (!probes.isEmpty()) {
            OwaProbe probe = new OwaProbe(Duration.ofSeconds(timeout), insecure);
            for (String url : probes) {
                try {
                    OwaProbe.base(url);
                } catch (IllegalArgumentException e) {
                    throw new InputError(e.getMessage());
                }
                OwaProbe.Result r = probe.attempt(url);
                observations.add(r.observation());
                if (r.unreachable() != null) unreachable.add(r.unreachable());
            }
        }
        ExposureAssessor assessor = new ExposureAssessor(BuildCatalog.builtin(), VulnerabilityCatalog.builtin(), day);
        List<ServerAssessment> servers = observations.stream().map(assessor::assess).toList();
        if (format == OutputFormat.json) {
            System.out.println(Json.pretty(toJson(servers, day)));
        } else {
            printTable(servers, System.out);
        }
        // the servers that answered are assessed above; one that did not is the user's to fix (address, port, TLS)
        if (!unreachable.isEmpty()) {
            throw new InputError("--probe: cannot connect: " + String.join("; ", unreachable));
        }
        return 0;
    }

    static Observation buildObservation(String arg) {
        String name = arg;
        String version = arg;
        int eq = arg.indexOf('=');
        if (eq > 0) {
            name = arg.substring(0, eq).strip();
            version = arg.substring(eq + 1).strip();
        }
        ExchangeBuild b = ExchangeBuild.parse(version)
                .orElseThrow(() -> new InputError("--build: not an Exchange build number: " + arg));
        if (eq <= 0) name = b.toString();
        return new Observation(name, version, b, Certainty.EXACT, "--build " + arg);
    }

    static List<Observation> inventory(Path f) {
        if (!Files.isRegularFile(f)) throw new InputError("--inventory: no such file: " + f);
        try {
            return InventoryCsv.read(f);
        } catch (NoSuchFileException e) {
            throw new InputError("--inventory: no such file: " + f);
        } catch (IOException e) {
            throw new InputError("--inventory: " + e.getMessage());
        }
    }

    /** DESIGN.md's contract: {"servers":[{name, build, product, cu, su, certainty, status, vulnerabilities, action}]}. */
    static ObjectNode toJson(List<ServerAssessment> servers, LocalDate asOf) {
        ObjectNode root = Json.object();
        ArrayNode arr = root.putArray("servers");
        for (ServerAssessment s : servers) {
            ObjectNode o = arr.addObject();
            o.put("name", s.name());
            o.put("build", s.build());
            o.put("product", s.product() == null ? null : s.product().displayName());
            o.put("cu", s.cu());
            o.put("su", s.su());
            o.put("certainty", s.certainty().id());
            o.put("status", s.status().id());
            ArrayNode vs = o.putArray("vulnerabilities");
            for (VulnerabilityExposure e : s.vulnerabilities()) {
                ObjectNode v = vs.addObject();
                v.put("cve", e.vulnerability().cve());
                v.put("name", e.vulnerability().name());
                ArrayNode fixed = v.putArray("fixed_in");
                e.fixedIn().forEach(b -> fixed.add(b.toString()));
                v.put("exploited_in_wild", e.vulnerability().exploited());
                v.put("exploited_since", e.vulnerability().exploitedSince() == null ? null : e.vulnerability().exploitedSince().toString());
                v.put("severity", e.vulnerability().severity().id());
                v.put("exposure", e.exposure().id());
                v.put("update", e.vulnerability().update());
                v.put("kev_added", e.vulnerability().kevAdded() == null ? null : e.vulnerability().kevAdded().toString());
                v.put("remedy", e.remedy());
            }
            o.put("action", s.action());
            o.put("build_known", s.buildKnown());
            o.put("placed_by", s.placedBy());
            o.put("source", s.source());
            ObjectNode attrs = o.putObject("attributes");
            s.attributes().forEach(attrs::put);
            ArrayNode notes = o.putArray("notes");
            s.notes().forEach(notes::add);
        }
        root.put("as_of", asOf.toString());
        return root;
    }

    static void printTable(List<ServerAssessment> servers, PrintStream out) {
        Table t = new Table("SERVER", "BUILD", "PRODUCT", "CU", "SU", "CERTAINTY", "STATUS", "OPEN", "EXPLOITED");
        for (ServerAssessment s : servers) {
            long exploited = s.vulnerabilities().stream().filter(v -> v.vulnerability().exploited()).count();
            t.row(s.name(), s.build(), s.product() == null ? null : s.product().displayName(), s.cu(), s.su(),
                    s.certainty().id(), s.status().id(), String.valueOf(s.vulnerabilities().size()), String.valueOf(exploited));
        }
        t.print(out);
        for (ServerAssessment s : servers) {
            out.println();
            out.println(s.name() + ": " + s.status().id() + (s.buildKnown() ? "" : " (build not in the build list)"));
            out.println("  action: " + s.action());
            for (String n : s.notes()) out.println("  note: " + n);
            if (s.vulnerabilities().isEmpty()) continue;
            Table v = new Table("  CVE", "SEVERITY", "EXPOSURE", "EXPLOITED SINCE", "NAME", "REMEDY");
            for (VulnerabilityExposure e : s.vulnerabilities()) {
                v.row("  " + e.vulnerability().cve(), e.vulnerability().severity().id(), e.exposure().id(),
                        e.vulnerability().exploitedSince() == null ? null : e.vulnerability().exploitedSince().toString(),
                        e.vulnerability().name(), e.remedy());
            }
            v.print(out);
        }
    }
}
