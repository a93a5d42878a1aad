package dwell.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Each section of a man page from a command model, and every page of dwell as groff and man render it. */
class ManPageTest {
    private static final List<ExitStatus> STATUSES = List.of(new ExitStatus(0, "fine"), new ExitStatus(2, "bad input"));

    @TempDir
    Path tmp;

    @Command(name = "tool", version = "tool 9.1", mixinStandardHelpOptions = true, subcommands = Sub.class,
            description = {"Does things.", ".Leading dot, 'quoted' C:\\dir%nSecond paragraph."})
    static final class Tool implements Runnable {
        @Option(names = {"-o", "--out"}, paramLabel = "DIR", defaultValue = "out", description = "Output folder (default: ${DEFAULT-VALUE}).")
        String out;
        @Option(names = "--tlp", paramLabel = "COLOUR", defaultValue = "amber", description = "TLP marking.")
        String tlp;
        @Option(names = "--need", paramLabel = "N", required = true, description = "A number.")
        int need;
        @Option(names = "--map", paramLabel = "FILE", description = "Mapping; repeatable.%nLater ones win.")
        List<String> map;
        @Option(names = "--secret", hidden = true, description = "Not shown.")
        boolean secret;
        @Parameters(paramLabel = "PATH", arity = "1..*", description = "Evidence.")
        List<String> paths;

        @Override
        public void run() {
        }
    }

    @Command(name = "sub", description = "Sub-command that works.")
    static final class Sub implements Runnable {
        @Parameters(paramLabel = "CASE", arity = "0..1", description = "A case file.")
        String caseFile;

        @Override
        public void run() {
        }
    }

    private static CommandSpec tool() {
        return new CommandLine(new Tool()).getCommandSpec();
    }

    private static CommandSpec sub() {
        return tool().subcommands().get("sub").getCommandSpec();
    }

    private static String section(String page, String heading) {
        int start = page.indexOf(".SH " + heading + "\n");
        assertTrue(start >= 0, heading + " missing:\n" + page);
        int end = page.indexOf("\n.SH ", start + 1);
        return page.substring(start, end < 0 ? page.length() : end + 1);
    }

    @Test
    void fileNameIsTheQualifiedNameInSectionOne() {
        assertEquals("tool.1", ManPage.fileName(tool()));
        assertEquals("tool-sub.1", ManPage.fileName(sub()));
    }

    @Test
    void headerNamesThePageAndTheVersion() {
        assertTrue(ManPage.render(tool(), STATUSES).startsWith(".TH \"TOOL\" 1 \"\" \"tool 9.1\" \"User Commands\"\n.nh\n"));
        assertTrue(ManPage.render(sub(), STATUSES).startsWith(".TH \"TOOL\\-SUB\" 1 \"\" \"tool 9.1\" \"User Commands\"\n"));
    }

    @Test
    void nameIsThePageNameAndTheFirstLineOfTheDescription() {
        assertEquals(".SH NAME\ntool \\- Does things.\n", section(ManPage.render(tool(), STATUSES), "NAME"));
        assertEquals(".SH NAME\ntool\\-sub \\- Sub\\-command that works.\n", section(ManPage.render(sub(), STATUSES), "NAME"));
    }

    @Test
    void synopsisBracketsWhatIsOptionalAndHidesWhatIsHidden() {
        assertEquals(".SH SYNOPSIS\n.B tool\n[\\fB\\-o\\fR\\ \\fIDIR\\fR]\n[\\fB\\-\\-tlp\\fR\\ \\fICOLOUR\\fR]\n\\fB\\-\\-need\\fR\\ \\fIN\\fR\n"
                + "[\\fB\\-\\-map\\fR\\ \\fIFILE\\fR...]\n[\\fB\\-h\\fR]\n[\\fB\\-V\\fR]\n\\fIPATH\\fR...\n\\fICOMMAND\\fR\n",
                section(ManPage.render(tool(), STATUSES), "SYNOPSIS"));
        assertEquals(".SH SYNOPSIS\n.B tool sub\n[\\fICASE\\fR]\n", section(ManPage.render(sub(), STATUSES), "SYNOPSIS"));
    }

    @Test
    void descriptionIsEscapedAndSplitIntoParagraphs() {
        assertEquals(".SH DESCRIPTION\nDoes things.\n.PP\n\\&.Leading dot, \\(aqquoted\\(aq C:\\edir\n.PP\nSecond paragraph.\n",
                section(ManPage.render(tool(), STATUSES), "DESCRIPTION"));
    }

    @Test
    void optionsListEveryNameWithLabelDescriptionAndDefault() {
        assertEquals(".SH OPTIONS\n"
                + ".TP\n\\fB\\-o\\fR, \\fB\\-\\-out\\fR=\\fIDIR\\fR\nOutput folder (default: out).\n"
                + ".TP\n\\fB\\-\\-tlp\\fR=\\fICOLOUR\\fR\nTLP marking.\nDefault: \\fIamber\\fR.\n"
                + ".TP\n\\fB\\-\\-need\\fR=\\fIN\\fR\nA number.\n"
                + ".TP\n\\fB\\-\\-map\\fR=\\fIFILE\\fR\nMapping; repeatable.\n.RS\n.PP\nLater ones win.\n.RE\n"
                + ".SS \"Common options\"\n"
                + ".TP\n\\fB\\-h\\fR, \\fB\\-\\-help\\fR\nShow this help message and exit.\n"
                + ".TP\n\\fB\\-V\\fR, \\fB\\-\\-version\\fR\nPrint version information and exit.\n",
                section(ManPage.render(tool(), STATUSES), "OPTIONS"));
        assertFalse(ManPage.render(sub(), STATUSES).contains(".SH OPTIONS"), "a command without options has no OPTIONS");
    }

    @Test
    void argumentsListThePositionalParameters() {
        assertEquals(".SH ARGUMENTS\n.TP\n\\fIPATH\\fR...\nEvidence.\n", section(ManPage.render(tool(), STATUSES), "ARGUMENTS"));
    }

    @Test
    void commandsPointToTheirPages() {
        assertEquals(".SH COMMANDS\n.TP\n\\fBsub\\fR\nSub\\-command that works.\nSee \\fBtool\\-sub\\fR(1).\n",
                section(ManPage.render(tool(), STATUSES), "COMMANDS"));
        assertFalse(ManPage.render(sub(), STATUSES).contains(".SH COMMANDS"));
    }

    @Test
    void exitStatusListsEachStatus() {
        assertEquals(".SH \"EXIT STATUS\"\n.TP\n\\fB0\\fR\nfine\n.TP\n\\fB2\\fR\nbad input\n",
                section(ManPage.render(sub(), STATUSES), "\"EXIT STATUS\""));
    }

    @Test
    void seeAlsoLinksParentAndSubCommands() {
        assertEquals(".SH \"SEE ALSO\"\n.BR tool\\-sub (1)\n", section(ManPage.render(tool(), STATUSES), "\"SEE ALSO\""));
        assertEquals(".SH \"SEE ALSO\"\n.BR tool (1)\n", section(ManPage.render(sub(), STATUSES), "\"SEE ALSO\""));
    }

    @Test
    void everyPageOfDwellRendersCleanlyAndShowsEveryOption() throws Exception {
        List<CommandSpec> specs = HelpConsistencyTest.all();
        assertEquals(14, specs.size());
        for (CommandSpec spec : specs) {
            Path page = tmp.resolve(ManPage.fileName(spec));
            Files.writeString(page, ManPage.render(spec, ExitStatus.all()));
            assertEquals("", ManPageRendering.groffWarnings(page), page.toString());
            String text = ManPageRendering.man(page, 100);
            for (OptionSpec o : spec.options()) {
                for (String name : o.names()) assertTrue(shows(text, name), ManPage.fileName(spec) + " lacks " + name + ":\n" + text);
            }
            for (CommandLine sub : spec.subcommands().values()) {
                String subPage = sub.getCommandSpec().qualifiedName("-") + "(1)";
                assertTrue(text.contains(subPage), ManPage.fileName(spec) + " lacks " + subPage);
            }
            if (spec.parent() != null) assertTrue(text.contains(spec.parent().qualifiedName("-") + "(1)"));
            for (ExitStatus s : ExitStatus.all()) assertTrue(text.replaceAll("\\s+", " ").contains(s.code() + " " + s.meaning()));
        }
    }

    /** The name as a word of its own: not the tail of a longer option. */
    private static boolean shows(String text, String name) {
        return Pattern.compile("(?<![\\w-])" + Pattern.quote(name) + "(?![\\w-])").matcher(text).find();
    }
}
