package dwell.format.evtx;

import dwell.text.PlainAscii;
import dwell.text.SafeText;
import dwell.text.Utf8Buffer;
import java.util.Arrays;
import java.util.List;

/**
 * Writes an event as XML text, on one line, the way {@code wevtutil qe /f:xml} prints events: straight from its
 * parsed Binary XML and values as {@link Expander} would expand them, or from an element tree. Use an instance from
 * one thread at a time: it keeps the names it wrote encoded, for the chunk's next records.
 */
public final class XmlRenderer {
    private static final String[] NO_NAMES = {};
    private static final byte[][] NO_ENCODED = {};
    /** The ASCII characters copied as they are: in text; in an attribute value, where the quote is escaped too. */
    private static final PlainAscii PLAIN_TEXT = new PlainAscii("&<>", "\t\n\r");
    private static final PlainAscii PLAIN_ATTRIBUTE = new PlainAscii("&<>\"", "\t\n\r");

    /**
     * Names written, and their encoding, by the hash of the name: a chunk's records come from a few templates, whose
     * names are the same String objects, so a name's characters are checked and encoded once per chunk.
     */
    private final String[] names;
    private final byte[][] encoded;

    /** A renderer for one thread at a time, remembering the names it wrote (keep one per chunk or per thread). */
    public XmlRenderer() {
        this(256);
    }

    /**
     * The text of an element run while it is written, as the tree would hold it: one String, or adjacent runs
     * merged in a StringBuilder (escaped as one: a surrogate pair may span two runs); null when there is none.
     */
    private CharSequence pending;
    /** Elements open in {@link #write(BinXmlNode[], Utf8Buffer)}. */
    private int depth;
    /** Whether the fragment's first element is written: what follows it is not part of the event. */
    private boolean done;

    private XmlRenderer(int cached) {
        names = cached == 0 ? NO_NAMES : new String[cached];
        encoded = cached == 0 ? NO_ENCODED : new byte[cached][];
    }

    static String render(XmlElement e) {
        Utf8Buffer b = new Utf8Buffer(1024);
        new XmlRenderer(0).write(e, b);
        return b.toString();
    }

    /** The XML of a record's parsed fragment (what {@link #render} gives for its tree), names written anew. */
    static String render(BinXmlNode[] fragment) {
        Utf8Buffer b = new Utf8Buffer(1024);
        new XmlRenderer(0).write(fragment, b);
        return b.toString();
    }

    /**
     * Appends the XML of a record's parsed fragment, which {@link Expander#check} accepted: its first element as
     * {@link Expander#expand} builds it, written as the templates expand, with no tree in between.
     */
    void write(BinXmlNode[] fragment, Utf8Buffer b) {
        pending = null;
        depth = 0;
        done = false;
        content(fragment, ElementView.NO_VALUES, b);
    }

    private void content(BinXmlNode[] nodes, SubstitutionValue[] values, Utf8Buffer b) {
        for (BinXmlNode n : nodes) {
            if (done) return;
            if (n instanceof BinXmlNode.Element e) {
                element(e, values, b);
            } else if (n instanceof BinXmlNode.TemplateInstance ti) {
                content(ti.template().body(), ti.values(), b);
            } else if (n instanceof BinXmlNode.Substitution s && ElementView.value(values, s.index()) instanceof SubstitutionValue.Xml x) {
                content(x.nodes(), ElementView.NO_VALUES, b);
            } else if (depth > 0) {
                leaf(n, values, b); // text beside the event's element belongs to no element
            }
        }
    }

    private void leaf(BinXmlNode n, SubstitutionValue[] values, Utf8Buffer b) {
        if (n instanceof BinXmlNode.Text t) {
            text(t.text());
        } else if (n instanceof BinXmlNode.Substitution s) {
            SubstitutionValue v = ElementView.value(values, s.index());
            if (v instanceof SubstitutionValue.Scalar sc) text(sc.text());
            else if (v instanceof SubstitutionValue.Array a) text(String.join(", ", a.items()));
        } else if (n instanceof BinXmlNode.CharRef c) {
            text(new String(Character.toChars(c.codePoint())));
        } else if (n instanceof BinXmlNode.EntityRef r) {
            text(ElementView.entity(r.name()));
        } else if (n instanceof BinXmlNode.CData c) {
            flush(b);
            cdata(c.text(), b);
        } else if (n instanceof BinXmlNode.ProcessingInstruction p) {
            flush(b);
            pi(p.target(), p.data(), b);
        }
    }

    /** Writes an element as {@link Expander} expands it: left out, repeated per item of an array, or once. */
    private void element(BinXmlNode.Element e, SubstitutionValue[] values, Utf8Buffer b) {
        for (BinXmlNode c : e.content()) {
            if (c instanceof BinXmlNode.Substitution s && s.optional()
                    && ElementView.value(values, s.index()) instanceof SubstitutionValue.Null) {
                return;
            }
            if (c instanceof BinXmlNode.Substitution s && ElementView.value(values, s.index()) instanceof SubstitutionValue.Array a) {
                String[] items = a.items().length == 0 ? new String[] {""} : a.items();
                for (String item : items) {
                    if (done) return;
                    SubstitutionValue[] one = values.clone();
                    one[s.index()] = new SubstitutionValue.Scalar(item);
                    element(e, one, b);
                }
                return;
            }
        }
        flush(b);
        depth++;
        Tags tags = e.literalAttributes() != null ? tags(e) : null;
        if (tags != null) {
            b.bytes(tags.start);
        } else {
            b.ascii('<');
            name(e.name(), b);
            for (BinXmlNode.Attribute a : e.attributes()) {
                String v = ElementView.attributeValue(a, values);
                if (v != null) attribute(a.name(), v, b);
            }
        }
        int open = b.size();
        b.ascii('>');
        content(e.content(), values, b);
        flush(b);
        if (b.size() == open + 1) {
            // nothing inside: every content node writes at least a byte, and none came
            b.size(open);
            b.ascii('/').ascii('>');
        } else if (tags != null) {
            b.bytes(tags.end);
        } else {
            b.ascii('<').ascii('/');
            name(e.name(), b);
            b.ascii('>');
        }
        if (--depth == 0) done = true;
    }

    /**
     * An element's start tag without its closing {@code >} and its end tag, as written: the same for every record when
     * its attributes are literal (nearly all of a template's elements: no attribute, or {@code Data Name="..."}).
     */
    record Tags(byte[] start, byte[] end) {
    }

    /** The element's tags, worked out once for all records and threads: its attributes are literal. */
    private static Tags tags(BinXmlNode.Element e) {
        Tags t = e.tags();
        if (t != null) return t;
        XmlRenderer once = new XmlRenderer(0);
        Utf8Buffer start = new Utf8Buffer(64);
        start.ascii('<');
        once.name(e.name(), start);
        List<String> literal = e.literalAttributes();
        for (int i = 0, n = literal.size(); i < n; i += 2) once.attribute(literal.get(i), literal.get(i + 1), start);
        Utf8Buffer end = new Utf8Buffer(e.name().length() + 3);
        end.ascii('<').ascii('/');
        once.name(e.name(), end);
        end.ascii('>');
        t = new Tags(Arrays.copyOf(start.array(), start.size()), Arrays.copyOf(end.array(), end.size()));
        e.tags(t);
        return t;
    }

    /** Adds text to the element's current run. */
    private void text(String s) {
        if (s.isEmpty()) return;
        CharSequence p = pending;
        if (p == null) pending = s;
        else if (p instanceof StringBuilder run) run.append(s);
        else pending = new StringBuilder(p.length() + s.length() + 16).append(p).append(s);
    }

    /** Writes the element's text run, if any. */
    private void flush(Utf8Buffer b) {
        if (pending != null) {
            escape(pending, b, false);
            pending = null;
        }
    }

    /** Appends the element's XML as UTF-8 (what {@link #render} returns, encoded). */
    void write(XmlElement e, Utf8Buffer b) {
        b.ascii('<');
        name(e.name, b);
        List<String> attributes = e.attributes;
        for (int i = 0, n = attributes.size(); i < n; i += 2) attribute(attributes.get(i), attributes.get(i + 1), b);
        List<Object> content = e.content;
        int n = content.size();
        if (n == 0) {
            b.ascii('/').ascii('>');
            return;
        }
        b.ascii('>');
        // indexed, and the final classes tested first: C1, which runs the dump, allocates each iterator and tests
        // an interface (CharSequence) by a slow search of the class's supertypes
        for (int i = 0; i < n; i++) {
            Object o = content.get(i);
            if (o instanceof XmlElement c) write(c, b);
            else if (o instanceof String s) escape(s, b, false);
            else if (o instanceof CharSequence s) escape(s, b, false);
            else if (o instanceof XmlElement.CData c) cdata(c.text(), b);
            else if (o instanceof XmlElement.Pi p) pi(p.target(), p.data(), b);
        }
        b.ascii('<').ascii('/');
        name(e.name, b);
        b.ascii('>');
    }

    private void attribute(String name, String value, Utf8Buffer b) {
        b.ascii(' ');
        name(name, b);
        b.ascii('=').ascii('"');
        escape(value, b, true);
        b.ascii('"');
    }

    private static void pi(String target, String data, Utf8Buffer b) {
        b.ascii("<?").append(name(target)).ascii(' ').append(name(data)).ascii("?>");
    }

    /** A CDATA section, or the same text escaped when it holds what a CDATA section cannot show inert. */
    private static void cdata(String text, Utf8Buffer b) {
        if (SafeText.visibleLines(text) == text) b.ascii("<![CDATA[").append(text.replace("]]>", "]]]]><![CDATA[>")).ascii("]]>");
        else escape(text, b, false);
    }

    /** Appends a name as {@link #name(String)} gives it, from the cache when this renderer wrote it before. */
    private void name(String n, Utf8Buffer b) {
        if (names.length == 0) {
            encodeName(n, b);
            return;
        }
        int slot = n.hashCode() & (names.length - 1);
        String known = names[slot];
        if (known != n) {
            if (known == null || !known.equals(n)) {
                Utf8Buffer one = new Utf8Buffer(n.length());
                encodeName(n, one);
                encoded[slot] = Arrays.copyOf(one.array(), one.size());
            }
            names[slot] = n;
        }
        b.bytes(encoded[slot]);
    }

    /** Appends a name as {@link #name(String)} gives it; printable ASCII, what names nearly always are, is copied whole. */
    private static void encodeName(String n, Utf8Buffer b) {
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            if (c < 0x20 || c >= 0x7f) {
                b.append(name(n));
                return;
            }
        }
        b.ascii(n);
    }

    /** A name from the record (element, attribute, processing instruction): hidden characters become U+FFFD. */
    private static String name(String n) {
        if (SafeText.visible(n) == n) return n;
        // rare: only a crafted record names its elements so
        StringBuilder b = new StringBuilder(n.length());
        for (int i = 0; i < n.length(); i++) {
            int cp = n.codePointAt(i);
            boolean bad = SafeText.isLoneSurrogate(n, i) || SafeText.isHidden(cp);
            if (bad) b.append('\ufffd'); else b.appendCodePoint(cp);
            if (!bad) i += Character.charCount(cp) - 1;
        }
        return b.toString();
    }

    /**
     * Escapes markup characters, C0 controls (tab, line feed and carriage return aside) and hidden characters as
     * references, and lone surrogates as U+FFFD; runs of other characters are copied as they are. The plain ASCII run
     * a value opens with, nearly always all of it, is copied as bytes ({@link Utf8Buffer#plain}); the rest goes on
     * character by character.
     */
    private static void escape(CharSequence s, Utf8Buffer b, boolean attribute) {
        int n = s.length();
        int i = s instanceof String str ? b.plain(str, attribute ? PLAIN_ATTRIBUTE : PLAIN_TEXT) : 0;
        if (i < n) escape(s, b.chars(s), i, n, b, attribute);
    }

    /** Escapes {@code a[from, n)}, the characters of {@code s}, one by one. */
    private static void escape(CharSequence s, char[] a, int from, int n, Utf8Buffer b, boolean attribute) {
        int run = from;
        for (int i = from; i < n; i++) {
            char c = a[i];
            if (c >= 0x20 && c < 0x7f ? c != '&' && c != '<' && c != '>' && (c != '"' || !attribute)
                    : c >= 0x80 && !Character.isSurrogate(c) && !SafeText.isHidden(c) || c == '\t' || c == '\n' || c == '\r') {
                continue;
            }
            if (run < i) b.append(a, run, i);
            run = i + 1;
            switch (c) {
                case '&' -> b.ascii("&amp;");
                case '<' -> b.ascii("&lt;");
                case '>' -> b.ascii("&gt;");
                case '"' -> b.ascii("&quot;");
                default -> {
                    if (SafeText.isLoneSurrogate(s, i)) {
                        b.codePoint(0xfffd);
                    } else {
                        // C0, DEL, C1, bidi and other invisible characters as references: the dump is read on terminals
                        int cp = Character.codePointAt(a, i, n);
                        if (SafeText.isHidden(cp)) b.ascii("&#").decimal(cp).ascii(';'); else b.append(a, i, i + 2);
                        i += Character.charCount(cp) - 1;
                        run = i + 1;
                    }
                }
            }
        }
        if (run < n) b.append(a, run, n);
    }
}
