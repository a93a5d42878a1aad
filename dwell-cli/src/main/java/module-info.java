/** The {@code dwell} command: parses options, calls the core's pipeline and presents its outcome. */
module dwell.cli {
    requires dwell.core;
    requires dwell.casefile;
    requires dwell.serve;
    requires info.picocli;
    // -Ddwell.scan.timing's process CPU time (StageTiming)
    requires java.management;
    requires static jdk.management;
    // the Spark engine, on the class path only when ./dwell is given --spark or the job is submitted
    uses dwell.scan.ShareEngine;

    // picocli fills the command and option classes by reflection
    opens dwell.cli to info.picocli;
}
