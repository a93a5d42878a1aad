package dwell.cli;

import dwell.text.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dwell.hunt.Diagnostic;
import dwell.sigma.RuleAcceptance;
import dwell.sigma.RuleSet;
import dwell.sigma.SigmaDetector;
import dwell.sigma.SigmaEngine;
import dwell.text.SafeText;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** dwell rules: work with Sigma rule files. */
@Command(name = "rules", mixinStandardHelpOptions = true, description = "Works with Sigma rules.",
        subcommands = {RulesCommand.Check.class})
public final class RulesCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw Main.noCommand(spec);
    }

    /** dwell rules check: loads rules without scanning and says which were rejected and why. */
    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {"Loads Sigma rules (files or folders) and reports what loaded and what was rejected (file:line: reason).",
                "Exit status 2 when a file named does not load whole, a path named gives no rule, or (--strict) any rule is rejected."})
    public static final class Check implements Callable<Integer> {
        @Parameters(paramLabel = "PATH", arity = "1..*", description = "Rule files or directories.")
        List<Path> paths;

        @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "table",
                description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
        OutputFormat format;

        @Option(names = "--strict", description = "Exit with status 2 when any rule is rejected, in a folder too.")
        boolean strict;

        @Mixin
        SigmaOptions sigma;

        @Mixin
        ConsoleOptions console = new ConsoleOptions();

        @Override
        public Integer call() {
            RuleSet set = sigma.load(paths);
            SigmaDetector detector = new SigmaDetector(set, sigma.mapping());
            List<Diagnostic> rejected = new ArrayList<>(set.rejected());
            rejected.addAll(detector.problems());
            int loaded = set.loaded() - detector.problems().size();
            if (format == OutputFormat.json) {
                ObjectNode root = Json.object();
                root.put("loaded", loaded);
                ArrayNode rej = root.putArray("rejected");
                for (Diagnostic r : rejected) rej.addObject().put("path", r.source()).put("line", r.line()).put("reason", r.toString());
                ObjectNode kinds = root.putObject("by_kind");
                set.byKind().forEach(kinds::put);
                kinds.put("correlation", set.correlations().size() - detector.problems().size());
                ArrayNode un = root.putArray("unmapped");
                for (SigmaEngine.Unmapped u : detector.unmapped()) {
                    un.addObject().put("path", u.rule().origin().path()).put("line", u.rule().origin().line())
                            .put("reason", u.rule().origin() + ": " + u.reason());
                }
                System.out.println(Json.pretty(root));
            } else {
                Table t = new Table("KIND", "LOADED");
                set.byKind().forEach((k, v) -> t.row(k, Integer.toString(k.equals("correlation") ? v - detector.problems().size() : v)));
                t.print(System.out);
                System.out.println();
                System.out.println("Loaded " + loaded + " of " + (loaded + rejected.size()) + " rule documents from "
                        + set.files() + " files; " + rejected.size() + " rejected; " + detector.unmapped().size()
                        + " loaded but matching no event type dwell reads.");
                for (Diagnostic r : rejected) System.out.println("rejected: " + SafeText.visible(r.toString()));
            }
            // the report is printed first: a refused load still says everything it found
            RuleAcceptance.refusal(paths, set, rejected, strict).ifPresent(reason -> {
                throw new InputError(reason);
            });
            return 0;
        }
    }
}
