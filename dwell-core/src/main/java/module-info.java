/**
 * dwell's hunt as a library: evidence in, findings, incidents and exposure out. Exported are the packages a front
 * end calls (the scan pipeline, events, evidence, the hunt API and the detector facades); the log formats, the
 * automata, the IOC matcher, the Exchange pack and the pivot's inner workings stay inside.
 */
module dwell.core {
    // the JSON writers of the output contract hand out Jackson's tree and mapper
    requires transitive com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.dataformat.yaml;
    requires org.apache.commons.compress;
    requires re2j;
    requires java.net.http;
    // CPU time of the YARA phases, read only when their timing is switched on
    requires java.management;
    requires static jdk.management;

    // the pipeline and what it is fed and gives back
    exports dwell.scan;
    exports dwell.event;
    exports dwell.evidence;
    // evidence on file systems a Spark engine brings (hdfs://, s3a://)
    uses dwell.evidence.RemoteEvidence;
    exports dwell.read;
    // a log format is one class: the extension point, and what reading an item hands out
    exports dwell.format;
    exports dwell.inventory;
    exports dwell.hunt;
    exports dwell.pivot;
    // what each incident's actor reached (PivotOutcome hands it out)
    exports dwell.impact;
    // the pivot's index budget is a setting of the scan (PivotSettings)
    exports dwell.pivot.store;
    // detector facades with commands of their own (rules check, yara scan, evtx dump, exposure, traffic)
    exports dwell.sigma;
    exports dwell.yara;
    exports dwell.format.evtx;
    exports dwell.exchange.build;
    exports dwell.exchange.exposure;
    exports dwell.traffic;
    // the prepared-rules cache a command line installs for its run
    exports dwell.rulecache;
    // safe JSON and terminal text for every writer of evidence-derived strings
    exports dwell.text;
}
