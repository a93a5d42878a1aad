package dwell.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** dwell evtx: tools for Windows event log files. */
@Command(name = "evtx", mixinStandardHelpOptions = true, description = "Windows event log (EVTX) tools.",
        subcommands = {EvtxDumpCommand.class})
public final class EvtxCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw Main.noCommand(spec);
    }
}
