package dwell.format.evtx;

/** One node of parsed Binary XML: a template body or a record's own tokens, before substitution values are applied. */
sealed interface BinXmlNode {
    /** An element with its attributes and content. */
    record Element(String name, Attribute[] attributes, BinXmlNode[] content) implements BinXmlNode {
    }

    /** An attribute; its value is a sequence of text, references and substitutions. */
    record Attribute(String name, BinXmlNode[] value) {
    }

    /** Literal text (value token). */
    record Text(String text) implements BinXmlNode {
    }

    /** A CDATA section. */
    record CData(String text) implements BinXmlNode {
    }

    /** A character reference such as {@code &#38;}. */
    record CharRef(int codePoint) implements BinXmlNode {
    }

    /** An entity reference such as {@code &amp;}. */
    record EntityRef(String name) implements BinXmlNode {
    }

    /** A processing instruction. */
    record ProcessingInstruction(String target, String data) implements BinXmlNode {
    }

    /** A placeholder for the template instance's value {@code index}; optional ones vanish when the value is null. */
    record Substitution(int index, int type, boolean optional) implements BinXmlNode {
    }

    /** A template applied to its values. */
    record TemplateInstance(Template template, SubstitutionValue[] values, byte[] types) implements BinXmlNode {
    }
}
