package dwell.format.evtx;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Reads an EVTX file from a stream, header first, then 64 KB chunk after chunk until the stream ends (so a
 * wrong chunk count in the header loses nothing). Chunks are independent: with more than one thread they are
 * parsed in parallel, a bounded number at a time, and handed on in file order.
 */
public final class EvtxStream {
    private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "dwell-evtx");
        t.setDaemon(true);
        return t;
    });

    private final int threads;

    /** @param threads how many chunks to parse at once (1: on the calling thread) */
    public EvtxStream(int threads) {
        this.threads = Math.max(1, threads);
    }

    /**
     * Reads {@code in} to its end, giving each chunk's result to {@code out} in file order.
     * File-level problems come first as a result with index -1.
     *
     * @throws IOException only when the stream itself fails
     */
    public void read(String item, InputStream in, Consumer<ChunkResult> out) throws IOException {
        byte[] head = new byte[FileHeader.SIZE];
        int n = in.readNBytes(head, 0, head.length);
        FileHeader header = null;
        try {
            header = FileHeader.parse(head, n);
        } catch (EvtxFormatException e) {
            out.accept(new ChunkResult(-1, List.of(), List.of(new Problem(0, "file header: " + e.getMessage()))));
        }
        if (header != null) {
            List<Problem> p = new ArrayList<>();
            if (!header.checksumValid()) p.add(new Problem(0, "file header checksum mismatch (read anyway)"));
            if (header.dirty()) p.add(new Problem(0, "file marked dirty (not closed cleanly): all chunks read"));
            if (!p.isEmpty()) out.accept(new ChunkResult(-1, List.of(), p));
        }
        if (n < head.length) {
            if (n > 0) out.accept(new ChunkResult(-1, List.of(), List.of(new Problem(0,
                    "file cut short inside its header: " + n + " bytes, no chunk"))));
            return;
        }
        int counted = header == null ? 0 : header.chunkCount();
        if (threads == 1) {
            int index = 0;
            while (true) {
                byte[] chunk = new byte[ChunkHeader.CHUNK_SIZE];
                int len = in.readNBytes(chunk, 0, chunk.length);
                if (len == 0) break;
                out.accept(new ChunkParser(item, index, chunk, len, index < counted).parse());
                index++;
                if (len < chunk.length) break;
            }
            shortOfCount(index, counted, out);
            return;
        }
        ArrayDeque<Future<ChunkResult>> pending = new ArrayDeque<>();
        int inFlight = threads * 2;
        int index = 0;
        try {
            while (true) {
                byte[] chunk = new byte[ChunkHeader.CHUNK_SIZE];
                int len = in.readNBytes(chunk, 0, chunk.length);
                if (len == 0) break;
                final int i = index++;
                ChunkParser parser = new ChunkParser(item, i, chunk, len, i < counted);
                pending.add(CompletableFuture.supplyAsync(parser::parse, POOL));
                while (pending.size() >= inFlight) out.accept(take(pending.poll()));
                if (len < chunk.length) break;
            }
            while (!pending.isEmpty()) out.accept(take(pending.poll()));
            shortOfCount(index, counted, out);
        } finally {
            for (Future<ChunkResult> f : pending) f.cancel(true);
        }
    }

    /** The header's chunk count is advisory (chunks are read to the stream's end); fewer chunks means a cut file. */
    private static void shortOfCount(int read, int counted, Consumer<ChunkResult> out) {
        if (read < counted) {
            out.accept(new ChunkResult(-1, List.of(), List.of(new Problem(0,
                    "file header counts " + counted + " chunks but the file holds " + read + " (cut short?)"))));
        }
    }

    private static ChunkResult take(Future<ChunkResult> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while parsing chunks", e);
        } catch (ExecutionException e) {
            throw new IOException("chunk parser failed", e.getCause());
        }
    }
}
