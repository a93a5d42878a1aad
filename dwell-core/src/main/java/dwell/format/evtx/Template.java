package dwell.format.evtx;

/**
 * A template definition of a chunk: the Binary XML body shared by records, with substitution placeholders, and how
 * far it can expand.
 */
record Template(int offset, String guid, BinXmlNode[] body, ExpansionBound bound) {
    Template(int offset, String guid, BinXmlNode[] body) {
        this(offset, guid, body, ExpansionBound.of(body));
    }
}
