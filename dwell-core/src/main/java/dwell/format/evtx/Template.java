package dwell.format.evtx;

/** A template definition of a chunk: the Binary XML body shared by records, with substitution placeholders. */
record Template(int offset, String guid, BinXmlNode[] body) {
}
