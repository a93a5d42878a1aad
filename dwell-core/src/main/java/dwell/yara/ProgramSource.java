package dwell.yara;

/** A Pike VM program: compiled, or read from a cached rule set's encoding when first run. */
sealed interface ProgramSource permits Program, EncodedProgram {
    /** The program. */
    Program get();
}
