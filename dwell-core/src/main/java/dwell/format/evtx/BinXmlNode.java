package dwell.format.evtx;

import java.util.List;

/** One node of parsed Binary XML: a template body or a record's own tokens, before substitution values are applied. */
sealed interface BinXmlNode {
    /**
     * An element with its attributes and content; {@code literalAttributes} are its attributes as names and values
     * when every one is literal text (such as {@code Data Name="..."}), the same for every record, else null. A class,
     * not a record, for the one thing it keeps once worked out: its tags as XML, when they are the same for every record.
     */
    final class Element implements BinXmlNode {
        private final String name;
        private final Attribute[] attributes;
        private final BinXmlNode[] content;
        private final List<String> literalAttributes;
        /** Set by {@link XmlRenderer} when first written (threads racing set equal tags). */
        private XmlRenderer.Tags tags;
        /** What the name means to an event's fields ({@link EventFields}), worked out once: null until then. */
        private EventFields.Role fieldRole;

        Element(String name, Attribute[] attributes, BinXmlNode[] content) {
            this.name = name;
            this.attributes = attributes;
            this.content = content;
            this.literalAttributes = literal(attributes);
        }

        String name() {
            return name;
        }

        Attribute[] attributes() {
            return attributes;
        }

        BinXmlNode[] content() {
            return content;
        }

        List<String> literalAttributes() {
            return literalAttributes;
        }

        XmlRenderer.Tags tags() {
            return tags;
        }

        void tags(XmlRenderer.Tags tags) {
            this.tags = tags;
        }

        /** The role {@link EventFields} gives the name, null if not worked out yet (threads racing set the same). */
        EventFields.Role fieldRole() {
            return fieldRole;
        }

        void fieldRole(EventFields.Role role) {
            fieldRole = role;
        }

        private static List<String> literal(Attribute[] attributes) {
            if (attributes.length == 0) return List.of();
            String[] pairs = new String[2 * attributes.length];
            for (int i = 0; i < attributes.length; i++) {
                if (!(attributes[i].value().length == 1 && attributes[i].value()[0] instanceof Text t)) return null;
                pairs[2 * i] = attributes[i].name();
                pairs[2 * i + 1] = t.text();
            }
            return List.of(pairs);
        }

        @Override
        public String toString() {
            return "Element[" + name + "]";
        }
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

    /**
     * A template applied to its values; {@code types} are the types the instance declares for them, read only while
     * carving (empty otherwise), where they tell a record's own template from one written over it.
     */
    record TemplateInstance(Template template, SubstitutionValue[] values, byte[] types) implements BinXmlNode {
    }
}
