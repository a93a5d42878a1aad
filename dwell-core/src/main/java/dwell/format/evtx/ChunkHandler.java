package dwell.format.evtx;

/**
 * What a {@link EvtxStream.Batch} does with each chunk: {@link #prepare} runs on the thread that parsed the chunk
 * (so costly work such as rendering output runs in parallel too), {@link #deliver} on the reading thread, in
 * file order.
 *
 * @param <T> what a chunk is prepared into
 */
public interface ChunkHandler<T> {
    /** Turns a chunk's result into what {@link #deliver} needs; called on any thread, for chunks in any order. */
    T prepare(ChunkResult chunk);

    /** Receives the prepared chunks one at a time, in file order, on the thread that reads the files. */
    void deliver(T prepared);
}
