package dwell.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Writes picocli's bash/zsh completion script and man pages (AsciiDoc, one per command) of the whole command tree;
 * run by the build into the release archive, so that they always match the options the jar parses.
 */
public final class HelpFiles {
    private HelpFiles() {
    }

    /** {@code HelpFiles DIR}: writes DIR/completion/dwell.bash and DIR/man/dwell*.adoc. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) throw new IllegalArgumentException("usage: HelpFiles DIR");
        Path dir = Path.of(args[0]);
        CommandLine cl = Main.fullCommandLine();
        Path completion = Files.createDirectories(dir.resolve("completion")).resolve("dwell.bash");
        Files.writeString(completion, AutoComplete.bash("dwell", cl));
        Path man = Files.createDirectories(dir.resolve("man"));
        int status = ManPageGenerator.generateManPage(man.toFile(), null, new boolean[0], true, cl.getCommandSpec());
        if (status != 0) throw new IOException("picocli's man page generator failed with status " + status);
    }
}
