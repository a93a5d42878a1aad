/** The {@code dwell} command: parses options, calls the core's pipeline and presents its outcome. */
module dwell.cli {
    requires dwell.core;
    requires dwell.casefile;
    requires info.picocli;
    // the build runs HelpFiles for the release archive's man pages; nothing of it ships
    requires static info.picocli.codegen;

    // picocli fills the command and option classes by reflection
    opens dwell.cli to info.picocli;
}
