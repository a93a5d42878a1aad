package dwell.sigma;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dwell.text.Nesting;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The parsed documents of rule files as bytes, for the rule cache: a tag byte per value, then its payload (counts and
 * lengths as ints, texts as UTF-16 code units so lone surrogates survive). Node types keep apart what YAML told apart
 * (the integer 10, the text "10"), so a decoded tree compiles exactly as the parsed one did. A tree holding a node
 * type not listed here is not encoded ({@link Unencodable}), and its rules are then not cached.
 */
final class DocumentCodec {
    private static final byte NULL = 0, TRUE = 1, FALSE = 2, TEXT = 3, INT = 4, LONG = 5, BIG_INTEGER = 6, DOUBLE = 7,
            DECIMAL = 8, ARRAY = 9, OBJECT = 10, DOCUMENT = 11, MALFORMED = 12;

    private DocumentCodec() {
    }

    /** A tree holds a node the format has no tag for. */
    static final class Unencodable extends RuntimeException {
        Unencodable(String what) {
            super("no cache encoding for " + what);
        }
    }

    /** The documents of each file, in order. */
    static byte[] encode(List<List<ParsedDocument>> files) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(files.size());
            for (List<ParsedDocument> docs : files) {
                out.writeInt(docs.size());
                for (ParsedDocument d : docs) {
                    if (d instanceof ParsedDocument.Document doc) {
                        out.writeByte(DOCUMENT);
                        out.writeInt(doc.line());
                        node(out, doc.tree());
                    } else if (d instanceof ParsedDocument.Malformed m) {
                        out.writeByte(MALFORMED);
                        out.writeInt(m.line());
                        text(out, m.reason());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The files' documents; an {@link IllegalArgumentException} when the bytes are not such an encoding. */
    static List<List<ParsedDocument>> decode(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            int n = count(in);
            List<List<ParsedDocument>> files = new ArrayList<>(n);
            for (int f = 0; f < n; f++) {
                int docs = count(in);
                List<ParsedDocument> list = new ArrayList<>(docs);
                for (int i = 0; i < docs; i++) {
                    byte tag = in.get();
                    int line = in.getInt();
                    list.add(switch (tag) {
                        case DOCUMENT -> new ParsedDocument.Document(line, node(in, 0));
                        case MALFORMED -> new ParsedDocument.Malformed(line, text(in));
                        default -> throw new IllegalArgumentException("unknown document tag " + tag);
                    });
                }
                files.add(list);
            }
            if (in.hasRemaining()) throw new IllegalArgumentException("bytes after the last file");
            return files;
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("truncated", e);
        }
    }

    private static void node(DataOutputStream out, JsonNode n) throws IOException {
        if (n instanceof NullNode) {
            out.writeByte(NULL);
        } else if (n instanceof BooleanNode b) {
            out.writeByte(b.booleanValue() ? TRUE : FALSE);
        } else if (n instanceof TextNode t) {
            out.writeByte(TEXT);
            text(out, t.textValue());
        } else if (n instanceof IntNode i) {
            out.writeByte(INT);
            out.writeInt(i.intValue());
        } else if (n instanceof LongNode l) {
            out.writeByte(LONG);
            out.writeLong(l.longValue());
        } else if (n instanceof BigIntegerNode b) {
            out.writeByte(BIG_INTEGER);
            text(out, b.bigIntegerValue().toString());
        } else if (n instanceof DoubleNode d) {
            out.writeByte(DOUBLE);
            out.writeLong(Double.doubleToRawLongBits(d.doubleValue()));
        } else if (n instanceof DecimalNode d) {
            out.writeByte(DECIMAL);
            text(out, d.decimalValue().toString());
        } else if (n instanceof ArrayNode a) {
            out.writeByte(ARRAY);
            out.writeInt(a.size());
            for (JsonNode x : a) node(out, x);
        } else if (n instanceof ObjectNode o) {
            out.writeByte(OBJECT);
            out.writeInt(o.size());
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                text(out, e.getKey());
                node(out, e.getValue());
            }
        } else {
            throw new Unencodable(n.getClass().getSimpleName());
        }
    }

    private static JsonNode node(ByteBuffer in, int depth) {
        // the YAML parser refuses deeper documents, so a deeper entry was not written by us
        if (depth > Nesting.MAX) throw new IllegalArgumentException("nesting deeper than " + Nesting.MAX);
        JsonNodeFactory f = JsonNodeFactory.instance;
        byte tag = in.get();
        return switch (tag) {
            case NULL -> NullNode.getInstance();
            case TRUE -> BooleanNode.TRUE;
            case FALSE -> BooleanNode.FALSE;
            case TEXT -> TextNode.valueOf(text(in));
            case INT -> IntNode.valueOf(in.getInt());
            case LONG -> LongNode.valueOf(in.getLong());
            case BIG_INTEGER -> BigIntegerNode.valueOf(new BigInteger(text(in)));
            case DOUBLE -> DoubleNode.valueOf(Double.longBitsToDouble(in.getLong()));
            case DECIMAL -> DecimalNode.valueOf(new BigDecimal(text(in)));
            case ARRAY -> {
                int n = count(in);
                ArrayNode a = f.arrayNode(n);
                for (int i = 0; i < n; i++) a.add(node(in, depth + 1));
                yield a;
            }
            case OBJECT -> {
                int n = count(in);
                ObjectNode o = f.objectNode();
                for (int i = 0; i < n; i++) {
                    String key = text(in);
                    if (o.has(key)) throw new IllegalArgumentException("a key twice in one map: " + key);
                    o.set(key, node(in, depth + 1));
                }
                yield o;
            }
            default -> throw new IllegalArgumentException("unknown value tag " + tag);
        };
    }

    /** A count of items that follow, each at least a byte: more than the bytes left is a damaged entry. */
    private static int count(ByteBuffer in) {
        int n = in.getInt();
        if (n < 0 || n > in.remaining()) throw new IllegalArgumentException("count " + n + " beyond the entry's end");
        return n;
    }

    /** Latin-1 text as one byte a character, other text as UTF-16 code units; the length's sign tells which. */
    private static void text(DataOutputStream out, String s) throws IOException {
        boolean latin1 = true;
        for (int i = 0; i < s.length() && latin1; i++) latin1 = s.charAt(i) < 0x100;
        if (latin1) {
            out.writeInt(s.length());
            out.writeBytes(s);
        } else {
            out.writeInt(-1 - s.length());
            out.writeChars(s);
        }
    }

    private static String text(ByteBuffer in) {
        int len = in.getInt();
        if (len >= 0) {
            if (len > in.remaining()) throw new IllegalArgumentException("text beyond the entry's end");
            byte[] b = new byte[len];
            in.get(b);
            return new String(b, java.nio.charset.StandardCharsets.ISO_8859_1);
        }
        int chars = -1 - len;
        if (chars > in.remaining() / 2) throw new IllegalArgumentException("text beyond the entry's end");
        char[] c = new char[chars];
        in.asCharBuffer().get(c);
        in.position(in.position() + 2 * chars);
        return new String(c);
    }
}
