/** The investigation workbench: {@code dwell serve}, a local web application over a case file. */
module dwell.serve {
    requires transitive dwell.casefile;
    requires io.javalin;
    requires com.fasterxml.jackson.databind;

    exports dwell.serve;
}
