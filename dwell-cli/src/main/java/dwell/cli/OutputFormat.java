package dwell.cli;

/** The --format choices shared by every command. */
public enum OutputFormat {
    table, json
}
