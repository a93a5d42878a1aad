package dwell.format.evtx;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * The 4096-byte EVTX file header. Only the signature is required; every other field is advisory, because
 * damaged or dirty files carry wrong chunk counts and checksums (chunks are found by reading on).
 */
record FileHeader(long firstChunk, long lastChunk, long nextRecordId, int minorVersion, int majorVersion,
                         int chunkCount, int flags, boolean checksumValid) {
    public static final int SIZE = 4096;
    static final byte[] SIGNATURE = "ElfFile\0".getBytes(StandardCharsets.ISO_8859_1);
    /** Flag: the file was not closed cleanly (records after the header's view may exist). */
    public static final int FLAG_DIRTY = 1;
    /** Flag: the log was full. */
    public static final int FLAG_FULL = 2;

    /** Parses the header from the first {@code len} bytes of the file. */
    public static FileHeader parse(byte[] b, int len) {
        if (len < 128) throw new EvtxFormatException("file header cut short: " + len + " bytes");
        for (int i = 0; i < SIGNATURE.length; i++) {
            if (b[i] != SIGNATURE[i]) throw new EvtxFormatException("no EVTX file signature");
        }
        CRC32 crc = new CRC32();
        crc.update(b, 0, 120);
        boolean ok = (int) crc.getValue() == Le.i32(b, 124);
        return new FileHeader(Le.i64(b, 8), Le.i64(b, 16), Le.i64(b, 24), Le.u16(b, 36, len), Le.u16(b, 38, len),
                Le.u16(b, 42, len), Le.i32(b, 120), ok);
    }

    public boolean dirty() {
        return (flags & FLAG_DIRTY) != 0;
    }

    public boolean full() {
        return (flags & FLAG_FULL) != 0;
    }
}
