package dwell.yara;

/** A rule's string after compilation: its identifier, owning rule, privacy and the shared pattern it matches with. */
record StringInfo(String id, int rule, boolean isPrivate, int pattern) {
}
