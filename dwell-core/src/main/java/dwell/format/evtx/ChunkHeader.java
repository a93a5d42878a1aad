package dwell.format.evtx;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/** The 512-byte header of a 64 KB chunk, with both of its checksums verified (a mismatch is reported, not fatal). */
record ChunkHeader(long firstRecordNumber, long lastRecordNumber, long firstRecordId, long lastRecordId,
                          int lastRecordOffset, int freeSpaceOffset, boolean headerChecksumValid,
                          boolean dataChecksumValid) {
    public static final int SIZE = 512;
    public static final int CHUNK_SIZE = 65536;
    static final byte[] SIGNATURE = "ElfChnk\0".getBytes(StandardCharsets.ISO_8859_1);

    static boolean hasSignature(byte[] b, int len) {
        if (len < SIGNATURE.length) return false;
        for (int i = 0; i < SIGNATURE.length; i++) {
            if (b[i] != SIGNATURE[i]) return false;
        }
        return true;
    }

    /** Parses the header of a chunk whose signature has been checked; {@code len} is how many bytes were read. */
    static ChunkHeader parse(byte[] b, int len) {
        if (len < SIZE) throw new EvtxFormatException("chunk header cut short: " + len + " bytes");
        CRC32 crc = new CRC32();
        crc.update(b, 0, 120);
        crc.update(b, 128, SIZE - 128);
        boolean headerOk = (int) crc.getValue() == Le.i32(b, 124);
        int free = Le.i32(b, 48);
        boolean dataOk = false;
        if (free >= SIZE && free <= len) {
            crc.reset();
            crc.update(b, SIZE, free - SIZE);
            dataOk = (int) crc.getValue() == Le.i32(b, 52);
        }
        return new ChunkHeader(Le.i64(b, 8), Le.i64(b, 16), Le.i64(b, 24), Le.i64(b, 32), Le.i32(b, 44), free,
                headerOk, dataOk);
    }
}
