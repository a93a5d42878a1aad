package dwell.format.evtx;

/**
 * Reads the element tree a parsed fragment expands to (its elements, their text and attributes) straight from the
 * template bodies and substitution values, by {@link Expander}'s rules, without building it: the fields of an event
 * need a few texts and attributes of each element, and building the tree for them cost more than reading them.
 * An element of the tree is a template's {@link BinXmlNode.Element} with the values it is expanded with.
 */
final class ElementView {
    static final SubstitutionValue[] NO_VALUES = new SubstitutionValue[0];
    /** Stops at the first element: whether there is one. */
    private static final Visitor ANY = (e, values) -> false;

    private ElementView() {
    }

    /** Receives the elements of the tree in order; returns false to stop the walk. */
    @FunctionalInterface
    interface Visitor {
        boolean element(BinXmlNode.Element e, SubstitutionValue[] values);
    }

    /**
     * Visits the elements {@code nodes} expand to at their own level: template instances and Binary XML values are
     * looked into, an element filled by an optional null substitution is left out, and one filled by an array comes
     * once per item. Returns false if the visitor stopped the walk.
     */
    static boolean elements(BinXmlNode[] nodes, SubstitutionValue[] values, Visitor v) {
        for (BinXmlNode n : nodes) {
            if (n instanceof BinXmlNode.Element e) {
                if (!element(e, values, v)) return false;
            } else if (n instanceof BinXmlNode.TemplateInstance ti) {
                if (!elements(ti.template().body(), ti.values(), v)) return false;
            } else if (n instanceof BinXmlNode.Substitution s && value(values, s.index()) instanceof SubstitutionValue.Xml x) {
                if (!elements(x.nodes(), NO_VALUES, v)) return false;
            }
        }
        return true;
    }

    private static boolean element(BinXmlNode.Element e, SubstitutionValue[] values, Visitor v) {
        for (BinXmlNode c : e.content()) {
            if (!(c instanceof BinXmlNode.Substitution s)) continue;
            SubstitutionValue value = value(values, s.index());
            if (s.optional() && value instanceof SubstitutionValue.Null) return true;
            if (value instanceof SubstitutionValue.Array a) {
                for (String item : a.items().length == 0 ? new String[] {""} : a.items()) {
                    SubstitutionValue[] one = values.clone();
                    one[s.index()] = new SubstitutionValue.Scalar(item);
                    if (!element(e, one, v)) return false;
                }
                return true;
            }
        }
        return v.element(e, values);
    }

    /** Whether the element holds elements. */
    static boolean hasChildElements(BinXmlNode.Element e, SubstitutionValue[] values) {
        return !elements(e.content(), values, ANY);
    }

    /** The element's own text (text and CDATA directly inside it), as {@link XmlElement#text()} gives it. */
    static String text(BinXmlNode.Element e, SubstitutionValue[] values) {
        BinXmlNode[] content = e.content();
        if (content.length == 0) return "";
        if (content.length == 1) {
            // nearly every element: one value or one literal text, whose own string is the text
            if (content[0] instanceof BinXmlNode.Substitution s) {
                SubstitutionValue v = value(values, s.index());
                if (v instanceof SubstitutionValue.Scalar sc) return sc.text();
                // a null value has no text: no builder for it (empty data are common)
                if (v instanceof SubstitutionValue.Null) return "";
            }
            if (content[0] instanceof BinXmlNode.Text t) return t.text();
        }
        StringBuilder sb = new StringBuilder();
        appendText(content, values, sb);
        return sb.toString();
    }

    private static void appendText(BinXmlNode[] nodes, SubstitutionValue[] values, StringBuilder sb) {
        for (BinXmlNode n : nodes) appendText(n, values, sb);
    }

    private static void appendText(BinXmlNode n, SubstitutionValue[] values, StringBuilder sb) {
        if (n instanceof BinXmlNode.Text t) {
            sb.append(t.text());
        } else if (n instanceof BinXmlNode.Substitution s) {
            SubstitutionValue v = value(values, s.index());
            if (v instanceof SubstitutionValue.Scalar sc) sb.append(sc.text());
            else if (v instanceof SubstitutionValue.Array a) sb.append(String.join(", ", a.items()));
            else if (v instanceof SubstitutionValue.Xml x) appendText(x.nodes(), NO_VALUES, sb);
        } else if (n instanceof BinXmlNode.TemplateInstance ti) {
            appendText(ti.template().body(), ti.values(), sb);
        } else if (n instanceof BinXmlNode.CharRef c) {
            sb.appendCodePoint(c.codePoint());
        } else if (n instanceof BinXmlNode.EntityRef r) {
            sb.append(entity(r.name()));
        } else if (n instanceof BinXmlNode.CData c) {
            sb.append(c.text());
        }
    }

    /** The value of the element's first attribute named {@code name} that is present, or null. */
    static String attribute(BinXmlNode.Element e, SubstitutionValue[] values, String name) {
        BinXmlNode.Attribute[] attributes = e.attributes();
        for (BinXmlNode.Attribute a : attributes) {
            if (a.name().equals(name)) {
                String v = attributeValue(a, values);
                if (v != null) return v;
            }
        }
        return null;
    }

    /** The attribute's value, or null when it is not present (filled by an optional substitution of a null value). */
    static String attributeValue(BinXmlNode.Attribute a, SubstitutionValue[] values) {
        BinXmlNode[] parts = a.value();
        if (parts.length == 1 && parts[0] instanceof BinXmlNode.Text t) {
            // the common case (Data Name="..."): share the template's string, whose hash is computed once
            return t.text();
        }
        if (parts.length == 1 && parts[0] instanceof BinXmlNode.Substitution s) {
            SubstitutionValue v = value(values, s.index());
            // the other common case (SystemTime="%1"): the value's own string, not a copy built for it
            if (v instanceof SubstitutionValue.Scalar sc) return sc.text();
            // absent if optional, else empty (ActivityID="%n" of a null value): no builder for it
            if (v instanceof SubstitutionValue.Null) return s.optional() ? null : "";
        }
        StringBuilder sb = new StringBuilder();
        boolean present = parts.length == 0;
        for (BinXmlNode p : parts) {
            SubstitutionValue v = p instanceof BinXmlNode.Substitution s ? value(values, s.index()) : null;
            if (v instanceof SubstitutionValue.Null) {
                present |= !((BinXmlNode.Substitution) p).optional();
                continue;
            }
            // an array's items are joined by spaces here, by commas in element text
            if (v instanceof SubstitutionValue.Array items) sb.append(String.join(" ", items.items()));
            else appendText(p, values, sb);
            present = true;
        }
        return present ? sb.toString() : null;
    }

    static SubstitutionValue value(SubstitutionValue[] values, int index) {
        return index < values.length ? values[index] : SubstitutionValue.NULL;
    }

    static String entity(String name) {
        return switch (name) {
            case "amp" -> "&";
            case "lt" -> "<";
            case "gt" -> ">";
            case "quot" -> "\"";
            case "apos" -> "'";
            default -> "&" + name + ";";
        };
    }
}
