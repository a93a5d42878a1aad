package dwell.cli;

import dwell.text.SafeText;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

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
            TrafficCommand.class);

    /** Exit status for usage and input errors (DESIGN.md). */
    public static final int EXIT_USAGE = 2;
    /** Exit status when --fail-on finds a finding at or above the level. */
    public static final int EXIT_FAIL_ON = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // before anything prints: evidence text reaches messages and tables, and must not drive the terminal
        TerminalGuard.install();
        int status = run(args);
        System.out.flush();
        System.err.flush();
        System.exit(status);
    }

    public static int run(String... args) {
        YaraCommand.Scan yaraScan = YaraScanArgs.parse(args);
        if (yaraScan != null) return call(yaraScan);
        CommandLine cl = new CommandLine(new Main());
        // picocli builds the model of every registered command by reflection, which took most of a short run's
        // start-up (0.4 s of `dwell evtx dump`); a run naming a sub-command needs that sub-command's model only
        String named = args.length > 0 ? args[0] : "";
        boolean one = SUBCOMMANDS.stream().anyMatch(c -> commandName(c).equals(named));
        for (Class<?> c : SUBCOMMANDS) {
            if (!one || commandName(c).equals(named)) cl.addSubcommand(c);
        }
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof InputError) {
                cmd.getErr().println("dwell: " + SafeText.visible(ex.getMessage()));
                return EXIT_USAGE;
            }
            throw ex;
        });
        cl.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("dwell: " + SafeText.visible(ex.getMessage()));
            ex.getCommandLine().usage(ex.getCommandLine().getErr());
            return EXIT_USAGE;
        });
        return cl.execute(args);
    }

    /** Runs a command parsed without picocli, with the exit statuses and error output picocli's handlers give. */
    private static int call(java.util.concurrent.Callable<Integer> command) {
        try {
            return command.call();
        } catch (InputError e) {
            System.err.println("dwell: " + SafeText.visible(e.getMessage()));
            return EXIT_USAGE;
        } catch (Exception e) {
            e.printStackTrace();
            return 1;
        }
    }

    private static String commandName(Class<?> command) {
        return command.getAnnotation(Command.class).name();
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    static String version() {
        Properties p = new Properties();
        try (InputStream in = Main.class.getResourceAsStream("/dwell/version.properties")) {
            if (in != null) p.load(in);
        } catch (IOException ignored) {
            // no version resource: report unknown
        }
        return p.getProperty("version", "unknown");
    }

    /** Supplies --version. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"dwell " + version()};
        }
    }
}
