package dwell.format.evtx;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Reads EVTX files from streams, header first, then 64 KB chunk after chunk until the stream ends (so a wrong
 * chunk count in the header loses nothing); or from files and bytes in memory, whose chunks (as many as the length
 * gives) each parsing thread reads by position itself. Chunks are independent: with more than one thread they are parsed
 * in parallel, across file boundaries within a {@link Batch} (most logs are a single chunk, so parallelism
 * within one file alone gains little), a bounded number at a time, and handed on in file order; the reading
 * thread is one of the parsing threads, taking the chunks no other has begun whenever it would wait. Records carved
 * from slack space are delivered as {@link RecoveredRecords} says; judging copies holds a chunk back until the
 * chunks after it that may hold its originals are parsed ({@link SlackCopies}).
 */
public final class EvtxStream {
    /**
     * Chunks in flight per parsing thread: enough that a slow chunk at the head of the delivery order does not
     * leave the other threads idle (chunk costs vary from nothing to a full 64 KB of records), few enough to
     * bound memory (a chunk and its events are a few hundred KB).
     */
    private static final int IN_FLIGHT_PER_THREAD = 8;
    /**
     * Chunks a stream parses first on the reading thread alone, however many threads it has: while the JIT compiles
     * the parser (the dump runs C1 alone), a second thread would only interpret the same code and take the
     * compiler's core (`evtx dump -t 2` of the corpus once, 565 chunks: 0.38-0.43 s CPU with the first 100 or 300
     * so, 0.51-0.58 without; five times: 0.97-1.05 against 1.10-1.20, wall time no longer).
     */
    public static final int SOLO_CHUNKS = 128;

    private final int threads;
    private final RecoveredRecords recovered;
    /**
     * Chunk buffers whose chunks are parsed, free for the next: a parsed chunk's bytes are not referred to (its events
     * hold their expanded element trees, decoded to strings), and a new 64 KB array per chunk was a fifth of the
     * reading thread's allocation. At most the chunks in flight, and one being read per batch, are ever allocated.
     */
    private final Queue<byte[]> spareChunks = new ConcurrentLinkedQueue<>();
    /**
     * Each thread's buffer for the chunks it reads by position and parses itself ({@link ChunkSource}): the bytes stay
     * on the core that wrote them, and no buffer passes between threads.
     */
    private final ThreadLocal<byte[]> ownChunk = ThreadLocal.withInitial(() -> new byte[ChunkHeader.CHUNK_SIZE]);
    /** How many of {@link #SOLO_CHUNKS} are left to parse on the reading thread. */
    private final AtomicInteger soloChunks;
    /** The template definitions parsed so far, which later chunks of any file of the stream take instead of parsing. */
    private final KnownTemplates templates = new KnownTemplates();
    private volatile ExecutorService pool;

    /** A stream delivering the recovered records that are not copies of live ones (what the hunt reads). */
    public EvtxStream(int threads) {
        this(threads, RecoveredRecords.UNIQUE);
    }

    /**
     * @param threads how many chunks to parse at once (1: on the calling thread)
     * @param recovered which records carved from slack space to deliver
     */
    public EvtxStream(int threads, RecoveredRecords recovered) {
        this(threads, recovered, SOLO_CHUNKS);
    }

    /** @param soloChunks how many chunks to parse first on the reading thread alone (tests of the threads: 0) */
    EvtxStream(int threads, RecoveredRecords recovered, int soloChunks) {
        this.threads = Math.max(1, threads);
        this.recovered = recovered;
        this.soloChunks = new AtomicInteger(soloChunks);
    }

    /**
     * Reads {@code in} to its end, giving each chunk's result to {@code out} in file order, all before returning.
     * File-level problems come as results with index -1.
     *
     * @throws IOException only when the stream itself fails, after the chunks read before were delivered
     */
    public void read(String item, InputStream in, Consumer<ChunkResult> out) throws IOException {
        try (Batch batch = batch()) {
            IOException failed = null;
            try {
                batch.read(item, in, out);
            } catch (IOException e) {
                failed = e; // what was read before the failure is evidence too
            }
            batch.finish();
            if (failed != null) throw failed;
        }
    }

    /** A batch of files whose chunks are parsed together; use it from one thread, and close it. */
    public Batch batch() {
        return new Batch();
    }

    private ExecutorService pool() {
        ExecutorService p = pool;
        if (p == null) {
            synchronized (this) {
                p = pool;
                if (p == null) {
                    // the reading thread parses too (Batch#take), so one thread fewer than asked: as many threads as
                    // cores take turns on none. Daemon threads that end when idle: a stream needs no shutdown and
                    // never keeps the JVM alive.
                    ThreadPoolExecutor e = new ThreadPoolExecutor(threads - 1, threads - 1, 10, TimeUnit.SECONDS,
                            new LinkedBlockingQueue<>(), r -> {
                                Thread t = new Thread(r, "dwell-evtx");
                                t.setDaemon(true);
                                return t;
                            });
                    e.allowCoreThreadTimeOut(true);
                    pool = p = e;
                }
            }
        }
        return p;
    }

    /**
     * Files read one after another whose chunks are parsed in parallel, at most a few per thread in flight;
     * every chunk and every {@link #then} action is delivered on the reading thread in the order read. Reading
     * the next file does not wait for the previous one's chunks to be delivered: call {@link #finish} for that.
     */
    public final class Batch implements AutoCloseable {
        /** Steps in the order read, parsed or being parsed. */
        private final ArrayDeque<Future<Step>> pending = new ArrayDeque<>();
        /**
         * Chunks handed to the pool, oldest first, that the reading thread has not tried to parse itself: it takes
         * them instead of waiting (a parsing thread may have taken one first, which then returns at once).
         */
        private final ArrayDeque<FutureTask<Step>> untried = new ArrayDeque<>();
        /** Steps taken from {@link #pending}, in order, waiting for the chunks that judge the head's slack copies. */
        private final ArrayDeque<Step> waiting = new ArrayDeque<>();
        private final int inFlight = threads * IN_FLIGHT_PER_THREAD;
        /** The files read by position whose chunks are not all read yet, closed with the batch if it is abandoned. */
        private final Set<ChunkSource> opened = new HashSet<>();

        private Batch() {
        }

        /**
         * Reads {@code in} to its end; its chunks go to {@code out} in file order, possibly after this returns,
         * each event with its fields already worked out on the parsing thread (a hunt reads them all).
         */
        public void read(String item, InputStream in, Consumer<ChunkResult> out) throws IOException {
            read(item, in, fieldsFirst(out));
        }

        /** Reads a file held in memory as {@link #read(String, InputStream, Consumer)} reads a stream of it. */
        public void read(String item, byte[] file, Consumer<ChunkResult> out) throws IOException {
            read(item, file, fieldsFirst(out));
        }

        /** Reads a file as {@link #read(String, RandomAccessFile, ChunkHandler)} does, and closes it. */
        public void read(String item, RandomAccessFile file, Consumer<ChunkResult> out) throws IOException {
            read(item, file, fieldsFirst(out));
        }

        private static ChunkHandler<ChunkResult> fieldsFirst(Consumer<ChunkResult> out) {
            return new ChunkHandler<>() {
                @Override
                public ChunkResult prepare(ChunkResult chunk) {
                    for (EvtxEvent e : chunk.events()) e.fields();
                    return chunk;
                }

                @Override
                public void deliver(ChunkResult prepared, BitSet leftOut) {
                    out.accept(prepared.without(leftOut));
                }
            };
        }

        /**
         * Reads {@code in} to its end (the stream is not used after this returns); each chunk is prepared on a
         * parsing thread and delivered in file order, possibly after this returns.
         *
         * @throws IOException only when the stream itself fails (chunks read before are still delivered)
         */
        public <T> void read(String item, InputStream in, ChunkHandler<T> handler) throws IOException {
            OpenFile file = new OpenFile(recovered == RecoveredRecords.UNIQUE ? new SlackCopies() : null);
            try {
                readChunks(item, in, handler, file);
            } finally {
                enqueue(new FileEnd(file));
            }
        }

        private <T> void readChunks(String item, InputStream in, ChunkHandler<T> handler, OpenFile file) throws IOException {
            byte[] head = new byte[FileHeader.SIZE];
            int counted = header(handler, head, in.readNBytes(head, 0, head.length));
            if (counted < 0) return;
            int index = 0;
            while (true) {
                byte[] chunk = spareChunk();
                int len = in.readNBytes(chunk, 0, chunk.length);
                if (len == 0) {
                    spareChunks.add(chunk);
                    break;
                }
                // a cut chunk's tail is zeroed: parsing sees what it saw in a fresh array
                if (len < chunk.length) Arrays.fill(chunk, len, chunk.length, (byte) 0);
                ChunkParser parser = new ChunkParser(item, index, chunk, len, index < counted, templates);
                index++;
                submit(() -> {
                    ChunkResult parsed;
                    try {
                        parsed = parser.parse();
                    } finally {
                        spareChunks.add(chunk);
                    }
                    return new Parsed<>(file, parsed, handler.prepare(parsed), handler);
                });
                if (len < chunk.length) break;
            }
            if (index < counted) fileProblem(handler, countProblem(counted, index));
        }

        /**
         * Reads a file held in memory as {@link #read(String, InputStream, ChunkHandler)} reads a stream of it, each
         * chunk copied from {@code file} by the thread that parses it.
         */
        public <T> void read(String item, byte[] file, ChunkHandler<T> handler) throws IOException {
            read(item, ChunkSource.of(file), handler);
        }

        /**
         * Reads a file as {@link #read(String, InputStream, ChunkHandler)} reads a stream of it, each chunk read by
         * position by the thread that parses it, and closes {@code file} once every chunk is read. The chunks are those
         * of the file's length when this is called; a file whose length changes while it is read gets a problem after
         * its chunks.
         *
         * @throws IOException when the file's header or length cannot be read (then the file is closed)
         */
        public <T> void read(String item, RandomAccessFile file, ChunkHandler<T> handler) throws IOException {
            read(item, ChunkSource.of(file), handler);
        }

        private <T> void read(String item, ChunkSource source, ChunkHandler<T> handler) throws IOException {
            OpenFile file = new OpenFile(recovered == RecoveredRecords.UNIQUE ? new SlackCopies() : null);
            opened.add(source);
            try {
                readChunks(item, source, handler, file);
            } catch (IOException | RuntimeException e) {
                opened.remove(source);
                source.close();
                throw e;
            } finally {
                enqueue(new FileEnd(file));
            }
        }

        private <T> void readChunks(String item, ChunkSource source, ChunkHandler<T> handler, OpenFile file) throws IOException {
            long size = source.size();
            byte[] head = new byte[FileHeader.SIZE];
            int counted = header(handler, head, source.read(0, head, head.length));
            int chunks = counted < 0 ? 0 : (int) ((size - FileHeader.SIZE + ChunkHeader.CHUNK_SIZE - 1) / ChunkHeader.CHUNK_SIZE);
            for (int i = 0; i < chunks; i++) {
                int index = i;
                long position = FileHeader.SIZE + (long) i * ChunkHeader.CHUNK_SIZE;
                int want = (int) Math.min(ChunkHeader.CHUNK_SIZE, size - position);
                submit(() -> chunkAt(item, source, index, position, want, index < counted, handler, file));
            }
            then(() -> {
                // the chunks found, as a stream would have found them: fewer than planned if the file shrank
                if (counted >= 0 && file.chunks < counted) deliverProblem(handler, countProblem(counted, file.chunks));
                opened.remove(source);
                try (source) {
                    long now = source.size();
                    if (now != size) {
                        deliverProblem(handler, "file changed size while read: " + size + " bytes when opened, " + now
                                + " at the end; its chunks as they were read");
                    }
                } catch (IOException e) {
                    // closed or gone: its chunks told what could be read
                }
            });
        }

        /** Reads and parses one chunk on the calling thread, into that thread's own buffer. */
        private <T> Step chunkAt(String item, ChunkSource source, int index, long position, int want, boolean expected,
                                 ChunkHandler<T> handler, OpenFile file) {
            byte[] chunk = ownChunk.get();
            int len;
            try {
                len = source.read(position, chunk, want);
            } catch (IOException e) {
                ChunkResult failed = new ChunkResult(-1, List.of(), List.of(new Problem(0, "chunk " + index + " cannot be read: " + e)));
                T prepared = handler.prepare(failed);
                return new Action(() -> handler.deliver(prepared, new BitSet()));
            }
            // the file shrank: its end, as a stream would have found it; nothing to deliver
            if (len == 0) return new Action(() -> { });
            // a cut chunk's tail is zeroed: parsing sees what it saw in a fresh array
            if (len < chunk.length) Arrays.fill(chunk, len, chunk.length, (byte) 0);
            ChunkResult parsed = new ChunkParser(item, index, chunk, len, expected, templates).parse();
            return new Parsed<>(file, parsed, handler.prepare(parsed), handler);
        }

        /**
         * Reports what the file header says, from its first {@code n} bytes read into {@code head}.
         *
         * @return the chunks the header counts (0 when it is unreadable), or -1 when the file ends before its chunks
         */
        private <T> int header(ChunkHandler<T> handler, byte[] head, int n) {
            FileHeader header = null;
            try {
                header = FileHeader.parse(head, n);
            } catch (EvtxFormatException e) {
                fileProblem(handler, "file header: " + e.getMessage());
            }
            if (header != null) {
                List<Problem> p = new ArrayList<>();
                if (!header.checksumValid()) p.add(new Problem(0, "file header checksum mismatch (read anyway)"));
                if (header.dirty()) p.add(new Problem(0, "file marked dirty (not closed cleanly): all chunks read"));
                if (!p.isEmpty()) fileResult(handler, new ChunkResult(-1, List.of(), p));
            }
            if (n < head.length) {
                if (n > 0) fileProblem(handler, "file cut short inside its header: " + n + " bytes, no chunk");
                return -1;
            }
            return header == null ? 0 : header.chunkCount();
        }

        /** The header's chunk count is advisory (chunks are read to the file's end); fewer means a cut file. */
        private static String countProblem(int counted, int held) {
            return "file header counts " + counted + " chunks but the file holds " + held + " (cut short?)";
        }

        /** Delivers a file problem at once (from an action that is itself being delivered in order). */
        private <T> void deliverProblem(ChunkHandler<T> handler, String reason) {
            handler.deliver(handler.prepare(new ChunkResult(-1, List.of(), List.of(new Problem(0, reason)))), new BitSet());
        }

        private byte[] spareChunk() {
            byte[] chunk = spareChunks.poll();
            return chunk != null ? chunk : new byte[ChunkHeader.CHUNK_SIZE];
        }

        /** Runs {@code action} on the reading thread once everything read before it has been delivered. */
        public void then(Runnable action) {
            if (pending.isEmpty() && waiting.isEmpty()) {
                action.run();
            } else {
                enqueue(new Action(action));
            }
        }

        /** Delivers everything read so far; returns when it has been delivered. */
        public void finish() throws IOException {
            while (!pending.isEmpty()) take();
        }

        /** Abandons what has not been delivered (after a failure); a finished batch has nothing left. */
        @Override
        public void close() {
            for (Future<Step> f : pending) f.cancel(true);
            pending.clear();
            untried.clear();
            waiting.clear();
            for (ChunkSource s : opened) {
                try {
                    s.close();
                } catch (IOException e) {
                    // abandoned after a failure already reported: nothing more to say
                }
            }
            opened.clear();
        }

        private <T> void fileProblem(ChunkHandler<T> handler, String reason) {
            fileResult(handler, new ChunkResult(-1, List.of(), List.of(new Problem(0, reason))));
        }

        private <T> void fileResult(ChunkHandler<T> handler, ChunkResult r) {
            T prepared = handler.prepare(r);
            then(() -> handler.deliver(prepared, new BitSet()));
        }

        /** Queues a step that needs no parsing, delivered in its place by a later take. */
        private void enqueue(Step step) {
            pending.add(CompletableFuture.completedFuture(step));
        }

        private void submit(Callable<Step> step) throws IOException {
            if (threads == 1 || soloChunks.get() > 0 && soloChunks.getAndDecrement() > 0) {
                try {
                    pending.add(CompletableFuture.completedFuture(step.call()));
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IOException("chunk parser failed", e);
                }
            } else {
                FutureTask<Step> task = new FutureTask<>(step);
                pending.add(task);
                untried.add(task);
                pool().execute(task);
            }
            // deliver what is done already, and wait for the oldest chunk while too many are in flight
            while (!pending.isEmpty() && (pending.size() >= inFlight || pending.peek().isDone())) take();
        }

        private void take() throws IOException {
            Future<Step> head = pending.peek();
            // parse the oldest chunks no thread has begun rather than wait for the head: no thread waits while one is left
            while (!head.isDone() && !untried.isEmpty()) untried.poll().run();
            Step step;
            try {
                step = head.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while parsing chunks", e);
            } catch (ExecutionException e) {
                throw new IOException("chunk parser failed", e.getCause());
            }
            pending.poll();
            if (untried.peek() == head) untried.poll();
            if (step instanceof Parsed<?> p && p.file().copies() != null) p.file().copies().admit(p.chunk());
            if (step instanceof FileEnd end) {
                if (end.file().copies() != null) end.file().copies().end();
            } else {
                waiting.add(step);
            }
            while (!waiting.isEmpty() && deliverable(waiting.peek())) deliver(waiting.poll());
        }

        private boolean deliverable(Step step) {
            return !(step instanceof Parsed<?> p) || p.file().copies() == null || p.file().copies().ready();
        }

        private void deliver(Step step) {
            if (step instanceof Action a) {
                a.run().run();
            } else if (step instanceof Parsed<?> p) {
                deliverChunk(p);
            }
        }

        private <T> void deliverChunk(Parsed<T> p) {
            List<EvtxEvent> events = p.chunk().events();
            BitSet leftOut = switch (recovered) {
                case ALL -> new BitSet();
                case UNIQUE -> p.file().copies().copies(p.chunk());
                case NONE -> recoveredIn(events);
            };
            for (EvtxEvent e : events) e.position(++p.file().records);
            p.file().chunks++;
            p.handler().deliver(p.prepared(), leftOut);
        }

        private static BitSet recoveredIn(List<EvtxEvent> events) {
            BitSet b = new BitSet();
            for (int i = 0; i < events.size(); i++) {
                if (events.get(i).recovered()) b.set(i);
            }
            return b;
        }
    }

    /**
     * A file being read: how many of its records and chunks were delivered, and its slack-copy judge (null when not
     * judging).
     */
    private static final class OpenFile {
        private final SlackCopies copies;
        private long records;
        private int chunks;

        OpenFile(SlackCopies copies) {
            this.copies = copies;
        }

        SlackCopies copies() {
            return copies;
        }
    }

    /** What a batch delivers in its place: a parsed chunk, an action, the end of a file. */
    private sealed interface Step permits Parsed, Action, FileEnd {
    }

    private record Parsed<T>(OpenFile file, ChunkResult chunk, T prepared, ChunkHandler<T> handler) implements Step {
    }

    private record Action(Runnable run) implements Step {
    }

    private record FileEnd(OpenFile file) implements Step {
    }
}
