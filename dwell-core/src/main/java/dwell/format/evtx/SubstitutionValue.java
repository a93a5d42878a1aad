package dwell.format.evtx;

/** A template instance's value, decoded to text (as Windows renders it), a list of texts, or nested Binary XML. */
sealed interface SubstitutionValue {
    /** The null (empty) value: optional substitutions of it vanish. */
    record Null() implements SubstitutionValue {
    }

    /** A single value rendered as text. */
    record Scalar(String text) implements SubstitutionValue {
    }

    /** An array value; the enclosing element repeats once per item. */
    record Array(String[] items) implements SubstitutionValue {
    }

    /** A nested Binary XML fragment. */
    record Xml(BinXmlNode[] nodes) implements SubstitutionValue {
    }

    SubstitutionValue NULL = new Null();
}
