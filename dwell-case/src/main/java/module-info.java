/** The case file (DuckDB) and the reports made from it, shared by the command line and the coming workbench. */
module dwell.casefile {
    requires transitive dwell.core;
    requires transitive java.sql;
    requires duckdb.jdbc;

    exports dwell.casefile;
    exports dwell.report;
}
