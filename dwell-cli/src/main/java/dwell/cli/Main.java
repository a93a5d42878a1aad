package dwell.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The dwell command: finds out whether attackers are inside, how they got in, and since when. */
@Command(name = "dwell", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Hunts collected evidence of mail and web servers for exposure, compromise and dwell time.",
        subcommands = {
                InventoryCommand.class,
                ScanCommand.class,
                RulesCommand.class,
                EvtxCommand.class,
                YaraCommand.class,
        })
public final class Main implements Runnable {
    /** Exit status for usage and input errors (DESIGN.md). */
    public static final int EXIT_USAGE = 2;
    /** Exit status when --fail-on finds a finding at or above the level. */
    public static final int EXIT_FAIL_ON = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof InputError) {
                cmd.getErr().println("dwell: " + ex.getMessage());
                return EXIT_USAGE;
            }
            throw ex;
        });
        cl.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("dwell: " + ex.getMessage());
            ex.getCommandLine().usage(ex.getCommandLine().getErr());
            return EXIT_USAGE;
        });
        return cl.execute(args);
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
