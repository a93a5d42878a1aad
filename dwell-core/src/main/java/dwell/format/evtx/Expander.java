package dwell.format.evtx;

/**
 * Applies template instances to their values, giving the event's element tree. Optional substitutions of
 * null values vanish: an element or an attribute they fill is not created. An element holding an array substitution
 * is repeated once per item, as libyal's notes describe. A node budget stops templates that explode.
 */
final class Expander {
    static final int MAX_NODES = 200_000;
    private static final int MAX_NESTING = 512;
    private static final SubstitutionValue[] NO_VALUES = ElementView.NO_VALUES;
    private int nesting;
    private int budget = MAX_NODES;
    /** Whether an element was met at the fragment's own level (what {@link #expand} returns). */
    private boolean topElement;

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

    /**
     * Refuses what {@link #expand} refuses, with the same message, by the same walk without building the tree: a
     * record is judged when it is read, and its tree is built only if something asks for it.
     */
    static void check(BinXmlNode[] fragment) {
        // nearly every record: its templates' bounds and its values show it far from the limits, without a walk
        if (ExpansionBound.within(fragment, MAX_NODES, MAX_NESTING) && !ElementView.elements(fragment, NO_VALUES, (e, values) -> false)) return;
        Expander x = new Expander();
        x.content(fragment, NO_VALUES, null);
        if (!x.topElement) throw new EvtxFormatException("record holds no element");
    }

    /** Expands {@code nodes} into {@code parent}; a null parent only walks them (check). */
    private void content(BinXmlNode[] nodes, SubstitutionValue[] values, XmlElement parent) {
        for (BinXmlNode n : nodes) node(n, values, parent);
    }

    private void node(BinXmlNode n, SubstitutionValue[] values, XmlElement parent) {
        if (--budget < 0) throw new EvtxFormatException("record expands to more than " + MAX_NODES + " nodes");
        if (n instanceof BinXmlNode.Element e) {
            element(e, values, parent);
        } else if (n instanceof BinXmlNode.TemplateInstance ti) {
            content(ti.template().body(), ti.values(), parent);
        } else if (n instanceof BinXmlNode.Substitution s && value(values, s.index()) instanceof SubstitutionValue.Xml x) {
            content(x.nodes(), NO_VALUES, parent);
        } else if (parent != null) {
            leaf(n, values, parent);
        }
    }

    private static void leaf(BinXmlNode n, SubstitutionValue[] values, XmlElement parent) {
        if (n instanceof BinXmlNode.Text t) {
            parent.text(t.text());
        } else if (n instanceof BinXmlNode.Substitution s) {
            SubstitutionValue v = value(values, s.index());
            if (v instanceof SubstitutionValue.Scalar sc) parent.text(sc.text());
            else if (v instanceof SubstitutionValue.Array a) parent.text(String.join(", ", a.items()));
        } else if (n instanceof BinXmlNode.CharRef c) {
            parent.text(new String(Character.toChars(c.codePoint())));
        } else if (n instanceof BinXmlNode.EntityRef r) {
            parent.text(ElementView.entity(r.name()));
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
        if (nesting == 1) topElement = true;
        XmlElement out = null;
        if (parent == null) {
            for (BinXmlNode.Attribute a : e.attributes()) countAttribute(a, values);
        } else if (e.literalAttributes() != null) {
            // one list for every record's copy of the element: nothing changes an expanded element's attributes
            out = new XmlElement(e.name(), e.literalAttributes(), e.content().length);
        } else {
            out = new XmlElement(e.name(), e.attributes().length, e.content().length);
            for (BinXmlNode.Attribute a : e.attributes()) {
                String v = ElementView.attributeValue(a, values);
                if (v != null) {
                    out.attributes.add(a.name());
                    out.attributes.add(v);
                }
            }
        }
        content(e.content(), values, out);
        if (parent != null) parent.content.add(out);
        nesting--;
    }

    /** Walks what an attribute's Binary XML values expand to, which counts against the budget (check). */
    private void countAttribute(BinXmlNode.Attribute a, SubstitutionValue[] values) {
        for (BinXmlNode p : a.value()) {
            if (p instanceof BinXmlNode.Substitution s && value(values, s.index()) instanceof SubstitutionValue.Xml x) {
                content(x.nodes(), NO_VALUES, null);
            }
        }
    }

    private static SubstitutionValue value(SubstitutionValue[] values, int index) {
        return ElementView.value(values, index);
    }
}
