package dwell.format.evtx;

/**
 * How far a template body can expand, apart from its instance's values: at most {@code nodes} nodes and
 * {@code depth} nested elements, and value {@code i} used {@code uses[i]} times, at most {@code useDepth[i]} elements
 * deep. With it a record's expansion is bounded by a sum over its values instead of the walk {@link Expander#check}
 * makes: only a record near the limits is walked. {@code known} is false when the body holds an array value (which
 * repeats elements): then only the walk can tell.
 */
record ExpansionBound(boolean known, long nodes, int depth, int[] uses, int[] useDepth) {
    private static final ExpansionBound UNKNOWN = new ExpansionBound(false, 0, 0, new int[0], new int[0]);
    /** Past this, sums are not worth carrying on: the walk decides. */
    private static final long CAP = 1L << 40;

    /** The bound of a template body. */
    static ExpansionBound of(BinXmlNode[] body) {
        Sum s = new Sum(true);
        if (!s.nodes(body, ElementView.NO_VALUES, 0)) return UNKNOWN;
        return new ExpansionBound(true, s.nodes, s.depth, s.uses, s.useDepth);
    }

    /** Whether the expansion of a record's fragment surely stays within the node budget and the nesting limit. */
    static boolean within(BinXmlNode[] fragment, long maxNodes, int maxDepth) {
        Sum s = new Sum(false);
        return s.nodes(fragment, ElementView.NO_VALUES, 0) && s.nodes <= maxNodes && s.depth <= maxDepth;
    }

    /** Adds up nodes as {@link Expander} counts them, removed elements included (an upper bound). */
    private static final class Sum {
        /** In a template body: substitutions stand for the instance's values, counted as uses. */
        private final boolean body;
        long nodes;
        int depth;
        int[] uses = new int[0];
        int[] useDepth = new int[0];

        Sum(boolean body) {
            this.body = body;
        }

        /** Adds {@code nodes} expanded {@code at} elements deep; false if unknown. */
        boolean nodes(BinXmlNode[] list, SubstitutionValue[] values, int at) {
            for (BinXmlNode n : list) {
                nodes++;
                if (n instanceof BinXmlNode.Element e) {
                    int inside = at + 1;
                    depth = Math.max(depth, inside);
                    for (BinXmlNode.Attribute a : e.attributes()) {
                        for (BinXmlNode p : a.value()) {
                            if (p instanceof BinXmlNode.Substitution s && !value(s, values, inside)) return false;
                        }
                    }
                    if (!nodes(e.content(), values, inside)) return false;
                } else if (n instanceof BinXmlNode.Substitution s) {
                    if (!value(s, values, at)) return false;
                } else if (n instanceof BinXmlNode.TemplateInstance ti) {
                    if (!instance(ti, at)) return false;
                }
                if (nodes > CAP) return false;
            }
            return true;
        }

        /** A substitution {@code at} elements deep: a use in a body, else its value's own nodes. */
        private boolean value(BinXmlNode.Substitution s, SubstitutionValue[] values, int at) {
            if (body) {
                use(s.index(), at);
                return true;
            }
            SubstitutionValue v = ElementView.value(values, s.index());
            if (v instanceof SubstitutionValue.Array) return false;
            return !(v instanceof SubstitutionValue.Xml x) || nodes(x.nodes(), ElementView.NO_VALUES, at);
        }

        private void use(int index, int at) {
            if (index >= uses.length) {
                uses = java.util.Arrays.copyOf(uses, index + 1);
                useDepth = java.util.Arrays.copyOf(useDepth, index + 1);
            }
            uses[index]++;
            useDepth[index] = Math.max(useDepth[index], at);
        }

        /** A template instance {@code at} elements deep: its template's bound, with its values summed in. */
        private boolean instance(BinXmlNode.TemplateInstance ti, int at) {
            ExpansionBound b = ti.template().bound();
            if (!b.known()) return false;
            nodes += b.nodes();
            depth = Math.max(depth, at + b.depth());
            SubstitutionValue[] values = ti.values();
            for (int i = 0; i < b.uses().length; i++) {
                if (b.uses()[i] == 0 || i >= values.length) continue;
                SubstitutionValue v = values[i];
                if (v instanceof SubstitutionValue.Array) return false;
                if (!(v instanceof SubstitutionValue.Xml x)) continue;
                Sum one = new Sum(false);
                if (!one.nodes(x.nodes(), ElementView.NO_VALUES, 0)) return false;
                nodes += one.nodes * b.uses()[i];
                depth = Math.max(depth, at + b.useDepth()[i] + one.depth);
                if (nodes > CAP) return false;
            }
            return true;
        }
    }
}
