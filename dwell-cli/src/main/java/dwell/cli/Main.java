package dwell.cli;

import dwell.text.SafeText;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The dwell command: finds out whether attackers are inside, how they got in, and since when. */
@Command(name = "dwell", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Hunts collected evidence of mail and web servers for exposure, compromise and dwell time.")
public final class Main implements Runnable {
    /** The sub-commands, in the order help lists them. */
    private static final List<Class<?>> SUBCOMMANDS = List.of(
            InventoryCommand.class,
            ScanCommand.class,
            RulesCommand.class,
            EvtxCommand.class,
            YaraCommand.class,
            ExposureCommand.class,
            QueryCommand.class,
            ReportCommand.class,
            ServeCommand.class,
            TrafficCommand.class);

    /** Exit status for usage and input errors (DESIGN.md). */
    public static final int EXIT_USAGE = 2;
    /** Exit status when --fail-on finds a finding at or above the level. */
    public static final int EXIT_FAIL_ON = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Set by the inherited --debug option of any command. */
    private boolean debug;

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "Show the Java stack trace of an error (a bug report needs it).")
    void debug(boolean on) {
        debug = on;
    }

    public static void main(String[] args) {
        // before anything prints: evidence text reaches messages and tables, and must not drive the terminal
        prepare(List.of(args).contains("--debug"));
        int status = run(args);
        System.out.flush();
        System.err.flush();
        System.exit(status);
    }

    /** What every run sets up before its command: guarded output, and errors reported once, whichever thread meets them. */
    static void prepare(boolean debug) {
        TerminalGuard.install();
        Failure.errorsOnce();
        Thread.setDefaultUncaughtExceptionHandler(new ThreadDeaths(debug));
    }

    public static int run(String... args) {
        Main main = new Main();
        // `dwell --version` alone needs no command model: picocli's, even of this command alone, was most of its CPU
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            System.out.println(versionLine());
            return 0;
        }
        try {
            YaraCommand.Scan yaraScan = YaraScanArgs.parse(args);
            if (yaraScan != null) return yaraScan.call();
            EvtxDumpCommand dump = EvtxDumpArgs.parse(args);
            if (dump != null) return dump.call();
            ScanCommand scan = ScanArgs.parse(args);
            if (scan != null) return scan.call();
            return main.commandLine(args).execute(args);
        } catch (Exception | OutOfMemoryError | StackOverflowError e) {
            // the fast yara and dump paths, and errors picocli lets through
            return Failure.report(e, new PrintWriter(System.err, true), main.debug || List.of(args).contains("--debug"));
        }
    }

    /** Every command, as help files and the tests see them. */
    static CommandLine fullCommandLine() {
        return new Main().commandLine();
    }

    private CommandLine commandLine(String... args) {
        CommandLine cl = new CommandLine(this);
        // picocli builds the model of every registered command by reflection, which took most of a short run's
        // start-up (0.4 s of `dwell evtx dump`); a run naming a sub-command needs that sub-command's model only
        String named = args.length > 0 ? args[0] : "";
        boolean one = SUBCOMMANDS.stream().anyMatch(c -> commandName(c).equals(named));
        for (Class<?> c : SUBCOMMANDS) {
            if (!one || commandName(c).equals(named)) cl.addSubcommand(c);
        }
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> Failure.report(ex, cmd.getErr(), debug));
        cl.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("dwell: " + SafeText.visible(ex.getMessage()));
            ex.getCommandLine().usage(ex.getCommandLine().getErr());
            return EXIT_USAGE;
        });
        return cl;
    }

    /** The error of a command line naming a command group but no command in it: its usage goes to stderr. */
    static InputError noCommand(CommandLine.Model.CommandSpec spec) {
        spec.commandLine().usage(spec.commandLine().getErr());
        return new InputError(spec.qualifiedName() + ": no command given; one of: "
                + String.join(", ", spec.subcommands().keySet()));
    }

    private static String commandName(Class<?> command) {
        return command.getAnnotation(Command.class).name();
    }

    /** No command given: the usage, on stderr, is the error. */
    @Override
    public void run() {
        throw noCommand(spec);
    }

    static String version() {
        // the jar's manifest, which the class-data archive holds: reading the resource opened the jar (its directory
        // parsed, a jar URL connection, an inflater), a few milliseconds of every start; classes in a folder have none
        String v = Main.class.getPackage().getImplementationVersion();
        if (v != null) return v;
        Properties p = new Properties();
        try (InputStream in = Main.class.getResourceAsStream("/dwell/version.properties")) {
            if (in != null) p.load(in);
        } catch (IOException ignored) {
            // no version resource: report unknown
        }
        return p.getProperty("version", "unknown");
    }

    /** What --version prints. */
    static String versionLine() {
        return "dwell " + version();
    }

    /**
     * Reports the error a thread dies of. A class, not a lambda: this JVM's first lambda spins its method handle
     * forms with ASM, several milliseconds of every command's start (`dwell --version` included).
     */
    private record ThreadDeaths(boolean debug) implements Thread.UncaughtExceptionHandler {
        @Override
        public void uncaughtException(Thread thread, Throwable e) {
            Failure.threadDied(e, debug);
        }
    }

    /** Supplies --version. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {versionLine()};
        }
    }
}
