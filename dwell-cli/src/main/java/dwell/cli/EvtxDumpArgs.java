package dwell.cli;

import java.util.HashSet;
import java.util.Set;

/**
 * Reads the arguments of a plain {@code dwell evtx dump} run without picocli, as {@link YaraScanArgs} does for
 * {@code yara scan}: building picocli's model of the command by reflection cost 0.1-0.15 s of CPU, more than half
 * of what a dump of one small file costs in all. Only the exact forms picocli would accept in the same way are taken
 * here; anything else (help, version, archive limits, unknown or clustered options, {@code @}argument files,
 * {@code --}, a repeated option, a value picocli would convert differently or reject, no path) returns null, and
 * picocli parses the line and reports any error itself.
 */
final class EvtxDumpArgs {
    private EvtxDumpArgs() {
    }

    /** The dump command for {@code args} (starting with "evtx", "dump"), or null when picocli must parse them. */
    static EvtxDumpCommand parse(String[] args) {
        if (args.length < 3 || !args[0].equals("evtx") || !args[1].equals("dump")) return null;
        EvtxDumpCommand dump = new EvtxDumpCommand();
        dump.format = EvtxDumpCommand.DumpFormat.jsonl;
        dump.recovered = EvtxDumpCommand.Recovered.unique;
        dump.limits = new LimitOptions();
        Set<String> seen = new HashSet<>();
        PlainArgs line = PlainArgs.read(args, 2, Set.of("--quiet", "--no-color"));
        if (line == null) return null;
        for (PlainArgs.Option o : line.options()) {
            String name = o.name();
            String value = o.value();
            switch (name) {
                case "--quiet" -> {
                    if (!seen.add(name)) return null;
                    dump.console.quiet = true;
                }
                case "--no-color" -> {
                    if (!seen.add(name)) return null;
                    dump.console.noColor = true;
                }
                case "-f", "--format" -> {
                    if (!seen.add("--format")) return null;
                    if (value.equals("jsonl")) dump.format = EvtxDumpCommand.DumpFormat.jsonl;
                    else if (value.equals("xml")) dump.format = EvtxDumpCommand.DumpFormat.xml;
                    else return null;
                }
                case "-t", "--threads" -> {
                    if (!seen.add("--threads") || !PlainArgs.digits(value, 9)) return null;
                    dump.threads.threads = Integer.parseInt(value);
                }
                case "--recovered" -> {
                    if (!seen.add(name)) return null;
                    switch (value) {
                        case "none" -> dump.recovered = EvtxDumpCommand.Recovered.none;
                        case "unique" -> dump.recovered = EvtxDumpCommand.Recovered.unique;
                        case "all" -> dump.recovered = EvtxDumpCommand.Recovered.all;
                        default -> {
                            return null;
                        }
                    }
                }
                default -> {
                    return null;
                }
            }
        }
        if (line.paths().isEmpty()) return null;
        dump.paths = line.paths();
        return dump;
    }
}
