package dwell.sigma;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DocumentCodecTest {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private static List<List<ParsedDocument>> roundTrip(List<List<ParsedDocument>> files) {
        return DocumentCodec.decode(DocumentCodec.encode(files));
    }

    /** Node classes too: IntNode(10) and TextNode("10") are equal to no one but themselves, and compile differently. */
    private static void assertSameTree(JsonNode want, JsonNode got) {
        assertEquals(want, got);
        assertEquals(want.getClass(), got.getClass(), want.toString());
        if (want.isContainerNode()) {
            assertEquals(List.copyOf(iterableNames(want)), List.copyOf(iterableNames(got)), "key order");
            for (int i = 0; i < want.size(); i++) {
                JsonNode w = want.isArray() ? want.get(i) : want.get(iterableNames(want).get(i));
                JsonNode g = got.isArray() ? got.get(i) : got.get(iterableNames(got).get(i));
                assertSameTree(w, g);
            }
        }
    }

    private static List<String> iterableNames(JsonNode n) {
        List<String> names = new java.util.ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void everyNodeTypeSurvivesWithItsType() {
        ObjectNode o = F.objectNode();
        o.put("zeta", "first key written");
        o.put("int", 10);
        o.put("text", "10");
        o.put("long", 1L << 40);
        o.set("big", F.numberNode(new BigInteger("123456789012345678901234567890")));
        o.put("double", 0.1);
        o.put("negzero", -0.0);
        o.put("nan", Double.NaN);
        o.set("decimal", F.numberNode(new BigDecimal("1.50")));
        o.put("yes", true);
        o.put("no", false);
        o.putNull("nothing");
        o.put("lone surrogate", "a\ud800b");
        o.put("beyond latin-1", "Ä€ ∑ 😀");
        o.put("latin-1 top", "\u00ff\u0000");
        ArrayNode a = o.putArray("list");
        a.add("x").add(1).addNull().addArray().add(F.objectNode().put("deep", "er"));
        o.putObject("empty");
        List<List<ParsedDocument>> files = List.of(
                List.of(new ParsedDocument.Document(3, o), new ParsedDocument.Document(40, F.textNode("scalar document")),
                        new ParsedDocument.Malformed(52, "malformed YAML: mapping values are not allowed here")),
                List.of(),
                List.of(new ParsedDocument.Document(1, F.nullNode())));
        List<List<ParsedDocument>> back = roundTrip(files);
        assertEquals(3, back.size());
        assertEquals(3, back.get(0).size());
        ParsedDocument.Document d = (ParsedDocument.Document) back.get(0).get(0);
        assertEquals(3, d.line());
        assertSameTree(o, d.tree());
        assertSameTree(F.textNode("scalar document"), ((ParsedDocument.Document) back.get(0).get(1)).tree());
        assertEquals(files.get(0).get(2), back.get(0).get(2));
        assertEquals(List.of(), back.get(1));
        assertSameTree(F.nullNode(), ((ParsedDocument.Document) back.get(2).get(0)).tree());
    }

    @Test
    void yamlParsedTreesRoundTrip() throws Exception {
        String yaml = "title: t\nlevel: high\ncount: 007\nhex: 0x1F\nratio: 1.5e3\nwhen: 2021-03-02\nflag: yes\n"
                + "detection:\n  sel:\n    CommandLine|contains: ['a', \"\\ud83d\\ude00\"]\n    EventID: [4688, '4689']\n"
                + "  condition: sel\n";
        JsonNode tree = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        ParsedDocument.Document back = (ParsedDocument.Document) roundTrip(List.of(List.of(new ParsedDocument.Document(1, tree)))).get(0).get(0);
        assertSameTree(tree, back.tree());
    }

    @Test
    void aNodeWithoutEncodingIsRefusedNotGuessed() {
        ObjectNode o = F.objectNode();
        o.set("blob", BinaryNode.valueOf(new byte[] {1, 2}));
        assertThrows(DocumentCodec.Unencodable.class, () -> DocumentCodec.encode(List.of(List.of(new ParsedDocument.Document(1, o)))));
    }

    @Test
    void damagedBytesAreRefused() {
        ObjectNode o = F.objectNode().put("title", "t");
        o.putArray("tags").add("a").add("b");
        byte[] good = DocumentCodec.encode(List.of(List.of(new ParsedDocument.Document(1, o))));
        for (int len = 0; len < good.length; len++) {
            byte[] cut = Arrays.copyOf(good, len);
            assertThrows(IllegalArgumentException.class, () -> DocumentCodec.decode(cut), "cut at " + len);
        }
        byte[] longer = Arrays.copyOf(good, good.length + 1);
        assertThrows(IllegalArgumentException.class, () -> DocumentCodec.decode(longer), "trailing bytes");
        // a count of two billion items in a few bytes must not allocate them
        byte[] huge = {0, 0, 0, 1, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff};
        assertThrows(IllegalArgumentException.class, () -> DocumentCodec.decode(huge));
        byte[] tag = good.clone();
        tag[8] = 99;
        assertThrows(IllegalArgumentException.class, () -> DocumentCodec.decode(tag), "unknown document tag");
    }

    @Test
    void nestingDeeperThanTheParserAllowsIsRefused() {
        JsonNode deep = F.textNode("leaf");
        for (int i = 0; i < dwell.text.Nesting.MAX + 5; i++) deep = F.arrayNode().add(deep);
        byte[] bytes = DocumentCodec.encode(List.of(List.of(new ParsedDocument.Document(1, deep))));
        assertThrows(IllegalArgumentException.class, () -> DocumentCodec.decode(bytes));
    }
}
