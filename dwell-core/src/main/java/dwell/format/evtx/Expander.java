package dwell.format.evtx;

/**
 * Applies template instances to their values, giving the event's element tree. Optional substitutions of
 * null values vanish: an element or an attribute they fill is not created. An element holding an array substitution
 * is repeated once per item, as libyal's notes describe. A node budget stops templates that explode.
 */
final class Expander {
    static final int MAX_NODES = 200_000;
    private static final int MAX_NESTING = 512;
    private int nesting;
    private static final SubstitutionValue[] NO_VALUES = new SubstitutionValue[0];
    private int budget = MAX_NODES;

    /** Expands a record's parsed fragment; returns its first element (normally {@code Event}). */
    XmlElement expand(BinXmlNode[] fragment) {
        XmlElement holder = new XmlElement("", 0, 1);
        content(fragment, NO_VALUES, holder);
        for (int at = 0; at < holder.content.size(); at++) {
            Object o = holder.content.get(at);
            if (o instanceof XmlElement e) return e;
        }
        throw new EvtxFormatException("record holds no element");
    }

    private void content(BinXmlNode[] nodes, SubstitutionValue[] values, XmlElement parent) {
        for (BinXmlNode n : nodes) node(n, values, parent);
    }

    private void node(BinXmlNode n, SubstitutionValue[] values, XmlElement parent) {
        if (--budget < 0) throw new EvtxFormatException("record expands to more than " + MAX_NODES + " nodes");
        if (n instanceof BinXmlNode.Element e) {
            element(e, values, parent);
        } else if (n instanceof BinXmlNode.Text t) {
            parent.text(t.text());
        } else if (n instanceof BinXmlNode.Substitution s) {
            SubstitutionValue v = value(values, s.index());
            if (v instanceof SubstitutionValue.Scalar sc) parent.text(sc.text());
            else if (v instanceof SubstitutionValue.Array a) parent.text(String.join(", ", a.items()));
            else if (v instanceof SubstitutionValue.Xml x) content(x.nodes(), NO_VALUES, parent);
        } else if (n instanceof BinXmlNode.TemplateInstance ti) {
            content(ti.template().body(), ti.values(), parent);
        } else if (n instanceof BinXmlNode.CharRef c) {
            parent.text(new String(Character.toChars(c.codePoint())));
        } else if (n instanceof BinXmlNode.EntityRef r) {
            parent.text(entity(r.name()));
        } else if (n instanceof BinXmlNode.CData c) {
            parent.content.add(new XmlElement.CData(c.text()));
        } else if (n instanceof BinXmlNode.ProcessingInstruction p) {
            parent.content.add(new XmlElement.Pi(p.target(), p.data()));
        }
    }

    private void element(BinXmlNode.Element e, SubstitutionValue[] values, XmlElement parent) {
        for (BinXmlNode c : e.content()) {
            if (c instanceof BinXmlNode.Substitution s && s.optional()
                    && value(values, s.index()) instanceof SubstitutionValue.Null) {
                return; // an element filled by an optional substitution of a null value is not created
            }
            if (c instanceof BinXmlNode.Substitution s && value(values, s.index()) instanceof SubstitutionValue.Array a) {
                String[] items = a.items().length == 0 ? new String[] {""} : a.items();
                for (String item : items) {
                    SubstitutionValue[] one = values.clone();
                    one[s.index()] = new SubstitutionValue.Scalar(item);
                    element(e, one, parent);
                }
                return;
            }
        }
        if (++nesting > MAX_NESTING) throw new EvtxFormatException("elements nested deeper than " + MAX_NESTING + " levels");
        XmlElement out;
        if (e.literalAttributes() != null) {
            // one list for every record's copy of the element: nothing changes an expanded element's attributes
            out = new XmlElement(e.name(), e.literalAttributes(), e.content().length);
        } else {
            out = new XmlElement(e.name(), e.attributes().length, e.content().length);
            for (BinXmlNode.Attribute a : e.attributes()) attribute(a, values, out);
        }
        content(e.content(), values, out);
        parent.content.add(out);
        nesting--;
    }

    private void attribute(BinXmlNode.Attribute a, SubstitutionValue[] values, XmlElement out) {
        if (a.value().length == 1 && a.value()[0] instanceof BinXmlNode.Text t) {
            // the common case (Data Name="..."): share the template's string, whose hash is computed once
            out.attributes.add(a.name());
            out.attributes.add(t.text());
            return;
        }
        if (a.value().length == 1 && a.value()[0] instanceof BinXmlNode.Substitution s
                && value(values, s.index()) instanceof SubstitutionValue.Scalar sc) {
            // the other common case (SystemTime="%1"): the value's own string, not a copy built for it
            out.attributes.add(a.name());
            out.attributes.add(sc.text());
            return;
        }
        StringBuilder sb = new StringBuilder();
        boolean present = a.value().length == 0;
        for (BinXmlNode p : a.value()) {
            if (p instanceof BinXmlNode.Text t) {
                sb.append(t.text());
                present = true;
            } else if (p instanceof BinXmlNode.CharRef c) {
                sb.appendCodePoint(c.codePoint());
                present = true;
            } else if (p instanceof BinXmlNode.EntityRef r) {
                sb.append(entity(r.name()));
                present = true;
            } else if (p instanceof BinXmlNode.Substitution s) {
                SubstitutionValue v = value(values, s.index());
                if (v instanceof SubstitutionValue.Scalar sc) {
                    sb.append(sc.text());
                    present = true;
                } else if (v instanceof SubstitutionValue.Array arr) {
                    sb.append(String.join(" ", arr.items()));
                    present = true;
                } else if (v instanceof SubstitutionValue.Xml x) {
                    XmlElement holder = new XmlElement("", 0, 1);
                    content(x.nodes(), NO_VALUES, holder);
                    sb.append(holder.text());
                    present = true;
                } else if (!s.optional()) {
                    present = true;
                }
            }
        }
        if (present) {
            out.attributes.add(a.name());
            out.attributes.add(sb.toString());
        }
    }

    private static SubstitutionValue value(SubstitutionValue[] values, int index) {
        return index < values.length ? values[index] : SubstitutionValue.NULL;
    }

    private static String entity(String name) {
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
