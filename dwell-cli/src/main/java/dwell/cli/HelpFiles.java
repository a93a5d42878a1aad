package dwell.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Writes picocli's bash/zsh completion script and the troff man pages (one per command) of the whole command tree;
 * run by the build into the release archive, so that they always match the options the jar parses.
 */
public final class HelpFiles {
    private HelpFiles() {
    }

    /** {@code HelpFiles DIR}: writes DIR/completion/dwell.bash and DIR/man/man1/dwell*.1. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) throw new IllegalArgumentException("usage: HelpFiles DIR");
        Path dir = Path.of(args[0]);
        CommandLine cl = Main.fullCommandLine();
        Path completion = Files.createDirectories(dir.resolve("completion")).resolve("dwell.bash");
        Files.writeString(completion, AutoComplete.bash("dwell", cl));
        Path man = dir.resolve("man");
        // a page of a command since removed, or an older build's AsciiDoc, must not reach the archive
        if (Files.exists(man)) {
            try (Stream<Path> old = Files.walk(man)) {
                for (Path p : old.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
            }
        }
        writeManPages(cl.getCommandSpec(), Files.createDirectories(man.resolve("man1")), ExitStatus.all());
    }

    private static void writeManPages(CommandSpec spec, Path into, List<ExitStatus> exitStatuses) throws IOException {
        Files.writeString(into.resolve(ManPage.fileName(spec)), ManPage.render(spec, exitStatuses));
        for (CommandLine sub : spec.subcommands().values()) {
            if (!sub.getCommandSpec().usageMessage().hidden()) writeManPages(sub.getCommandSpec(), into, exitStatuses);
        }
    }
}
