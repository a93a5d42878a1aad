package dwell.format.evtx;

import java.util.BitSet;

/**
 * What a {@link EvtxStream.Batch} does with each chunk: {@link #prepare} runs on the thread that parsed the chunk
 * (so costly work such as rendering output runs in parallel too), {@link #deliver} on the reading thread, in
 * file order, told which of the chunk's records to leave out (recovered records, as the stream's
 * {@link RecoveredRecords} says, which needs the neighbouring chunks).
 *
 * @param <T> what a chunk is prepared into
 */
public interface ChunkHandler<T> {
    /** Turns a chunk's result into what {@link #deliver} needs; called on any thread, for chunks in any order. */
    T prepare(ChunkResult chunk);

    /**
     * Receives the prepared chunks one at a time, in file order, on the thread that reads the files;
     * {@code leftOut} holds the indexes of the chunk's events that are not delivered (empty for file-level problems).
     */
    void deliver(T prepared, BitSet leftOut);
}
