package dwell.yara;

/** A rule's string after compilation: its identifier, owning rule and the flags the scanner needs. */
record StringInfo(String id, int rule, boolean isPrivate, boolean fullword) {
}
