package dwell.format.evtx;

/**
 * Refuses a record candidate in slack space whose event would hold a name that is not an XML name, judged from its
 * templates and the types its values declare, before the values are decoded. Such candidates (a third of those
 * parsed: old records whose templates were written over) are refused after their whole parse by
 * {@code ChunkParser}'s plausibility test anyway; refusing them here spares decoding their values. Only what that
 * test surely refuses is refused here: an event whose first element is not {@code Event}, or that holds a name that
 * is not an XML name, of an element or attribute its values' types show present (in the record's template, or in
 * a Binary XML value's template that the chunk has parsed already: parsing one here could parse a template that
 * the record's own parse, failing earlier, would not).
 */
final class CarvedNames {
    private CarvedNames() {
    }

    /**
     * Whether the candidate whose template instance lies at {@code instance} (its fragment ending at {@code end}) is
     * surely not an event. Parses the instance's template as the record's parse would, first: a broken template
     * throws what that parse would throw.
     */
    static boolean refused(ChunkData data, int instance, int end) {
        Template template = data.template(Le.i32(data.bytes(), instance + 6), 0);
        Types types = Types.of(data, instance, end);
        if (types == null) return false;
        for (BinXmlNode n : template.body()) {
            if (n instanceof BinXmlNode.Element e) {
                if (!types.present(e)) continue;
                return !e.name().equals("Event") || invalid(e, types, template.xmlNames());
            }
            // the event's element could come from these: left to the parse
            if (n instanceof BinXmlNode.TemplateInstance || n instanceof BinXmlNode.Substitution s && types.of(s.index()) == ValueTypes.BINXML) {
                return false;
            }
        }
        return false;
    }

    /**
     * Whether all element and attribute names of a template body are XML names and it holds no template instance
     * (whose names are its template's: {@link #vouched} takes the body's word for every name it expands to).
     */
    static boolean xmlNames(BinXmlNode[] body) {
        for (BinXmlNode n : body) {
            if (n instanceof BinXmlNode.Element e && !xmlNames(e) || n instanceof BinXmlNode.TemplateInstance) return false;
        }
        return true;
    }

    /**
     * Whether every element and attribute name a parsed fragment expands to is an XML name, as the templates it is
     * made of say, and no element is nested deeper than {@code maxDepth} (the top level is 1): each template
     * instance's template has {@link Template#xmlNames}, and so have those of its Binary XML values; an element
     * outside a template, or a fragment that could nest deeper, is left to the walk of every name. A kept carved
     * record's names were all walked, most of them names of templates checked once already.
     */
    static boolean vouched(BinXmlNode[] fragment, int maxDepth) {
        return templatesVouch(fragment, 0) && ExpansionBound.within(fragment, Long.MAX_VALUE, maxDepth);
    }

    private static boolean templatesVouch(BinXmlNode[] nodes, int depth) {
        if (depth > BinXmlParser.MAX_DEPTH) return false;
        for (BinXmlNode n : nodes) {
            if (n instanceof BinXmlNode.Element) return false;
            if (n instanceof BinXmlNode.TemplateInstance ti) {
                if (!ti.template().xmlNames()) return false;
                for (SubstitutionValue v : ti.values()) {
                    if (v instanceof SubstitutionValue.Xml x && !templatesVouch(x.nodes(), depth + 1)) return false;
                }
            }
        }
        return true;
    }

    private static boolean xmlNames(BinXmlNode.Element e) {
        if (!ChunkParser.xmlName(e.name())) return false;
        for (BinXmlNode.Attribute a : e.attributes()) {
            if (!ChunkParser.xmlName(a.name())) return false;
        }
        return xmlNames(e.content());
    }

    /**
     * Whether the element, or a present element in it, has a name or a present attribute's name that is not an XML
     * name; {@code xmlNames}: whether its template's names are all XML names (then only Binary XML values are left).
     */
    private static boolean invalid(BinXmlNode.Element e, Types types, boolean xmlNames) {
        if (!xmlNames) {
            if (!ChunkParser.xmlName(e.name())) return true;
            for (BinXmlNode.Attribute a : e.attributes()) {
                if (!ChunkParser.xmlName(a.name()) && types.present(a)) return true;
            }
        }
        for (BinXmlNode c : e.content()) {
            if (c instanceof BinXmlNode.Element child && types.present(child) && invalid(child, types, xmlNames)) return true;
            if (c instanceof BinXmlNode.Substitution s && types.of(s.index()) == ValueTypes.BINXML && invalidValue(types, s.index())) return true;
        }
        return false;
    }

    /** Whether Binary XML value {@code index} opens with an instance of a parsed template that holds an invalid name. */
    private static boolean invalidValue(Types types, int index) {
        ChunkData data = types.data();
        int at = types.offset(index);
        if (at < 0) return false;
        int end = at + types.size(index);
        int instance = ChunkParser.instanceAt(data.bytes(), at, end);
        if (instance < 0) return false;
        Template template = data.parsedTemplate(Le.i32(data.bytes(), instance + 6));
        Types nested = template == null ? null : Types.of(data, instance, end);
        if (nested == null) return false;
        for (BinXmlNode n : template.body()) {
            if (n instanceof BinXmlNode.Element e && nested.present(e) && invalid(e, nested, template.xmlNames())) return true;
        }
        return false;
    }

    /** The types a template instance declares for its values, read from their descriptors. */
    private record Types(ChunkData data, int descriptors, int count, int end) {
        /** The instance's types, or null when its values' header does not fit before {@code end} (left to the parse). */
        static Types of(ChunkData data, int instance, int end) {
            byte[] b = data.bytes();
            int p = ChunkParser.valueCountAt(b, instance, end);
            if (p < 0) return null;
            long count = Le.u32(b, p, end);
            return count > (end - p - 4) / 4 ? null : new Types(data, p + 4, (int) count, end);
        }

        /** Where value {@code index} starts, or -1 when it runs past the end. */
        int offset(int index) {
            long at = descriptors + 4L * count;
            for (int i = 0; i < index; i++) at += size(i);
            return at + size(index) <= end ? (int) at : -1;
        }

        int size(int index) {
            return Le.u16(data.bytes(), descriptors + 4 * index, end);
        }

        /** The type of value {@code index}; a missing value is null, as {@link ElementView#value} has it. */
        int of(int index) {
            return index < count ? data.bytes()[descriptors + 4 * index + 2] & 0xff : ValueTypes.NULL;
        }

        /** Whether the element is expanded: no optional substitution of a null value fills it ({@link ElementView}). */
        boolean present(BinXmlNode.Element e) {
            for (BinXmlNode c : e.content()) {
                if (c instanceof BinXmlNode.Substitution s && s.optional() && of(s.index()) == ValueTypes.NULL) return false;
            }
            return true;
        }

        /** Whether the attribute is expanded ({@link ElementView#attributeValue} is not null). */
        boolean present(BinXmlNode.Attribute a) {
            BinXmlNode[] parts = a.value();
            if (parts.length == 0) return true;
            for (BinXmlNode p : parts) {
                if (!(p instanceof BinXmlNode.Substitution s) || of(s.index()) != ValueTypes.NULL || !s.optional()) return true;
            }
            return false;
        }
    }
}
