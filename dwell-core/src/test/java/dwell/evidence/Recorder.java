package dwell.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/** A test visitor: reads every item like a reader would and records what the catalog reported. */
final class Recorder implements ItemVisitor {
    /** One finished item with its problems and how many bytes the visitor read from it. */
    record Seen(EvidenceItem item, List<String> problems, long bytesRead) {
    }

    private final ConcurrentLinkedQueue<Seen> seen = new ConcurrentLinkedQueue<>();
    private final Map<String, Long> read = new ConcurrentHashMap<>();
    private final int readLimit;

    /** Reads every visited item to its end. */
    Recorder() {
        this(Integer.MAX_VALUE);
    }

    /** Reads at most {@code readLimit} bytes of each item, as a reader that stops early would. */
    Recorder(int readLimit) {
        this.readLimit = readLimit;
    }

    @Override
    public void visit(EvidenceItem item, InputStream content) throws IOException {
        byte[] buf = new byte[8192];
        long n = 0;
        int r;
        try {
            while (n < readLimit && (r = content.read(buf, 0, (int) Math.min(buf.length, readLimit - n))) >= 0) n += r;
        } finally {
            read.put(item.path(), n);
            content.close();
        }
    }

    @Override
    public void finished(EvidenceItem item, List<String> problems) {
        seen.add(new Seen(item, List.copyOf(problems), read.getOrDefault(item.path(), -1L)));
    }

    List<Seen> sorted() {
        List<Seen> all = new ArrayList<>(seen);
        all.sort(Comparator.comparing((Seen s) -> s.item().path()));
        return all;
    }

    List<String> paths() {
        return sorted().stream().map(s -> s.item().path()).toList();
    }

    Seen get(String pathSuffix) {
        Optional<Seen> hit = sorted().stream().filter(s -> s.item().path().endsWith(pathSuffix)).findFirst();
        return hit.orElseThrow(() -> new AssertionError("no item ending " + pathSuffix + " in " + paths()));
    }
}
