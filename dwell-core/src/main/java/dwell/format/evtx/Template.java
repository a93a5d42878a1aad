package dwell.format.evtx;

/**
 * A template definition: the Binary XML body shared by records, with substitution placeholders, how far it can
 * expand, whether all its element and attribute names are XML names (nested templates aside), and the layouts of its
 * events' field tables. {@code offset} is where it was first parsed: later chunks may define it again elsewhere
 * ({@link KnownTemplates}).
 */
record Template(int offset, String guid, BinXmlNode[] body, ExpansionBound bound, boolean xmlNames, Layouts layouts) {
    Template(int offset, String guid, BinXmlNode[] body) {
        this(offset, guid, body, ExpansionBound.of(body), CarvedNames.xmlNames(body), new Layouts());
    }

    /** The layouts of the two field tables of the template's events: System and all, and data. */
    record Layouts(FieldLayouts fields, FieldLayouts data) {
        Layouts() {
            this(new FieldLayouts(), new FieldLayouts());
        }
    }
}
