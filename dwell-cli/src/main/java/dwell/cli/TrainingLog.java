package dwell.cli;

import dwell.format.evtx.EvtxStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The EVTX log the class-data-sharing training dumps on two threads: the first chunk of a small log, its records
 * copied into its slack space after candidates that fail to parse, repeated past {@link EvtxStream#SOLO_CHUNKS}.
 * A real dump meets carved records, refused candidates and the parsing pool at once (the 277 attack samples do);
 * trained on a clean one-chunk log, their classes and lambdas loaded from the jars, and the class path's search for
 * them opened ten jars, on every run.
 */
final class TrainingLog {
    // the format's sizes (its readers keep theirs to their package): file header, chunk, chunk header
    private static final int FILE_HEADER = 4096;
    private static final int CHUNK = 65536;
    private static final int CHUNK_HEADER = 512;
    /** Where a chunk header holds the offset of its free space, the slack after its last record. */
    private static final int FREE_SPACE_AT = 48;
    /** A record's signature: "**" and two zero bytes. */
    private static final byte[] RECORD_SIGNATURE = {0x2a, 0x2a, 0, 0};
    /** A refused candidate's length: a record header, four bytes of Binary XML, the size's copy. */
    private static final int REFUSED_SIZE = 32;
    /** The refused candidates' first Binary XML bytes: no token at all, an element cut short (their errors differ). */
    private static final byte[] REFUSED_TOKENS = {(byte) 0xff, 0x01};

    private TrainingLog() {
    }

    /** Writes the training log made from {@code source}'s file header and first chunk to {@code target}. */
    static void write(Path source, Path target) throws IOException {
        byte[] log = Files.readAllBytes(source);
        if (log.length < FILE_HEADER + CHUNK) throw new IOException(source + ": no whole chunk");
        byte[] chunk = Arrays.copyOfRange(log, FILE_HEADER, FILE_HEADER + CHUNK);
        int free = le32(chunk, FREE_SPACE_AT);
        int records = free - CHUNK_HEADER;
        int refused = REFUSED_TOKENS.length * REFUSED_SIZE;
        if (records <= 0 || free + refused + records > chunk.length) throw new IOException(source + ": no room in its slack");
        // the slack's contents count in neither checksum, so the chunk stays valid as it was
        for (int i = 0; i < REFUSED_TOKENS.length; i++) {
            int at = free + i * REFUSED_SIZE;
            System.arraycopy(RECORD_SIGNATURE, 0, chunk, at, 4);
            putLe32(chunk, at + 4, REFUSED_SIZE);
            chunk[at + 24] = REFUSED_TOKENS[i];
            putLe32(chunk, at + REFUSED_SIZE - 4, REFUSED_SIZE);
        }
        System.arraycopy(chunk, CHUNK_HEADER, chunk, free + refused, records);
        try (OutputStream out = Files.newOutputStream(target)) {
            out.write(log, 0, FILE_HEADER);
            for (int i = 0; i < EvtxStream.SOLO_CHUNKS + 2; i++) out.write(chunk);
        }
    }

    private static int le32(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16 | (b[at + 3] & 0xff) << 24;
    }

    private static void putLe32(byte[] b, int at, int v) {
        for (int i = 0; i < 4; i++) b[at + i] = (byte) (v >>> (8 * i));
    }
}
