package dwell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packages of dwell-core depend on each other one way: no package reaches itself through others. The graph is
 * read from the compiled classes (every class a class file names: calls, fields, casts, signatures), which javac
 * leaves out only for inlined constants.
 */
class PackageCyclesTest {
    private static final Pattern DESCRIPTOR_CLASS = Pattern.compile("L(dwell/[\\w/$]+)[;<]");

    @Test
    void dwellCoreHasNoPackageCycles() throws IOException, URISyntaxException {
        Map<String, Set<String>> graph = graph(classes());
        assertEquals(List.of(), cycles(graph), "packages that depend on each other (each set is a cycle)");
    }

    @Test
    void theGraphIsReadFromTheClasses() throws IOException, URISyntaxException {
        Map<String, Set<String>> graph = graph(classes());
        assertTrue(graph.size() > 20, "packages found: " + graph.keySet());
        assertTrue(graph.get("dwell.hunt").contains("dwell.event"), "a detector sees events: " + graph.get("dwell.hunt"));
        assertTrue(graph.get("dwell.format.w3c").contains("dwell.format.text"), "W3C's reader reads lines");
        assertEquals(Set.of(), graph.get("dwell.event"), "events depend on no other package");
    }

    @Test
    void findsEveryCycleAndOnlyCycles() {
        Map<String, Set<String>> g = new TreeMap<>();
        g.put("a", Set.of("b"));
        g.put("b", Set.of("c", "d"));
        g.put("c", Set.of("a"));
        g.put("d", Set.of("e"));
        g.put("e", Set.of("d", "f"));
        g.put("f", Set.of());
        assertEquals(List.of(Set.of("a", "b", "c"), Set.of("d", "e")), cycles(g));
        g.put("e", Set.of("f"));
        g.put("c", Set.of());
        assertEquals(List.of(), cycles(g));
    }

    private static Path classes() throws URISyntaxException {
        return Path.of(dwell.event.Event.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    /** Each package of the compiled classes under {@code root}, with the other dwell packages its classes name. */
    static Map<String, Set<String>> graph(Path root) throws IOException {
        Map<String, Set<String>> graph = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> s = Files.walk(root)) {
            files = s.filter(p -> p.toString().endsWith(".class")).toList();
        }
        for (Path f : files) {
            String own = root.relativize(f.getParent()).toString().replace(f.getFileSystem().getSeparator(), ".");
            Set<String> uses = graph.computeIfAbsent(own, k -> new TreeSet<>());
            for (String name : namedClasses(f)) {
                String pkg = name.substring(0, Math.max(0, name.lastIndexOf('/'))).replace('/', '.');
                if (pkg.startsWith("dwell") && !pkg.equals(own)) uses.add(pkg);
            }
        }
        return graph;
    }

    /** The internal names of the classes a class file's constant pool names, as classes or inside descriptors. */
    private static Set<String> namedClasses(Path classFile) throws IOException {
        try (InputStream raw = Files.newInputStream(classFile); DataInputStream in = new DataInputStream(raw)) {
            if (in.readInt() != 0xCAFEBABE) throw new IOException("not a class file: " + classFile);
            in.readUnsignedShort();
            in.readUnsignedShort();
            int count = in.readUnsignedShort();
            String[] utf8 = new String[count];
            List<Integer> classNames = new ArrayList<>();
            for (int i = 1; i < count; i++) {
                int tag = in.readUnsignedByte();
                switch (tag) {
                    case 1 -> utf8[i] = in.readUTF();
                    case 7 -> classNames.add(in.readUnsignedShort());
                    case 8, 16, 19, 20 -> in.readUnsignedShort();
                    case 15 -> in.skipNBytes(3);
                    case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipNBytes(4);
                    case 5, 6 -> {
                        in.skipNBytes(8);
                        i++;
                    }
                    default -> throw new IOException("constant pool tag " + tag + " unknown in " + classFile);
                }
            }
            Set<String> out = new TreeSet<>();
            for (int c : classNames) if (!utf8[c].startsWith("[")) out.add(utf8[c]);
            for (String s : utf8) {
                if (s == null) continue;
                Matcher m = DESCRIPTOR_CLASS.matcher(s);
                while (m.find()) out.add(m.group(1));
            }
            return out;
        }
    }

    /** The strongly connected components of more than one node (Tarjan's algorithm), each sorted, in order. */
    static List<Set<String>> cycles(Map<String, Set<String>> graph) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        List<Set<String>> out = new ArrayList<>();
        for (String v : graph.keySet()) {
            if (!index.containsKey(v)) connect(v, graph, index, low, stack, onStack, out);
        }
        out.sort((a, b) -> a.iterator().next().compareTo(b.iterator().next()));
        return out;
    }

    private static void connect(String v, Map<String, Set<String>> graph, Map<String, Integer> index,
                                Map<String, Integer> low, Deque<String> stack, Set<String> onStack, List<Set<String>> out) {
        index.put(v, index.size());
        low.put(v, index.get(v));
        stack.push(v);
        onStack.add(v);
        for (String w : graph.getOrDefault(v, Set.of())) {
            if (!index.containsKey(w)) {
                connect(w, graph, index, low, stack, onStack, out);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            Set<String> component = new TreeSet<>();
            String w;
            do {
                w = stack.pop();
                onStack.remove(w);
                component.add(w);
            } while (!w.equals(v));
            if (component.size() > 1) out.add(component);
        }
    }
}
