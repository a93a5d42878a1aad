package dwell.cli;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * A real one-chunk EVTX log (from the corpus) given a second chunk the way Windows leaves one: written over a
 * buffer that still holds the first chunk, with no record of its own yet, so its slack holds the first chunk's
 * records at their offsets. In that slack, the second record's TimeCreated is set an hour back: an older record
 * that reused the id (the log was cleared in between), not a copy. So the file holds its live records, a slack
 * copy of each but the second, and a recovered record with the second's EventRecordID that exists nowhere else.
 */
final class PlantedEvtx {
    /** Seven Sysmon records, EventRecordID 416055 to 416061, all of which carving can read. */
    static final Path SOURCE = Dwell.corpus("evtx-attack-samples/AutomatedTestingTools/Malware/sideloading_injection_persistence_run_key.evtx");
    /** TimeCreated of its second record. */
    static final Instant SECOND = Instant.parse("2020-10-15T13:17:02.7368495Z");

    private static final int FILE_HEADER = 4096;
    private static final int CHUNK = 65536;
    private static final long HOUR = 36_000_000_000L;

    private PlantedEvtx() {
    }

    /** Writes the planted log to {@code target}; {@code second} is the TimeCreated of the source's second record. */
    static Path write(Path source, Instant second, Path target) throws Exception {
        byte[] in = Files.readAllBytes(source);
        if (in.length != FILE_HEADER + CHUNK) throw new IllegalArgumentException(source + " is not a one-chunk log");
        byte[] out = Arrays.copyOf(in, FILE_HEADER + 2 * CHUNK);
        System.arraycopy(in, FILE_HEADER, out, FILE_HEADER + CHUNK, CHUNK);
        ByteBuffer b = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        int chunk = FILE_HEADER + CHUNK;
        int firstSize = b.getInt(FILE_HEADER + 512 + 4);
        int record2 = chunk + 512 + firstSize;
        int secondSize = b.getInt(record2 + 4);
        long filetime = (second.getEpochSecond() + 11_644_473_600L) * 10_000_000L + second.getNano() / 100;
        int at = find(out, record2, record2 + secondSize, filetime);
        b.putLong(at, filetime - HOUR);
        b.putInt(chunk + 48, 512); // free space starts right after the header: every record is slack
        b.putInt(chunk + 52, (int) crc(out, chunk + 512, 0)); // records checksum of no records
        b.putInt(chunk + 124, (int) crc(out, chunk, 120, chunk + 128, 512 - 128));
        b.putShort(42, (short) 2); // the file header counts two chunks
        b.putInt(124, (int) crc(out, 0, 120));
        return Files.write(target, out);
    }

    /** The offset of the only occurrence of {@code value} (8 bytes little-endian) in {@code [from, to)}. */
    private static int find(byte[] b, int from, int to, long value) {
        ByteBuffer v = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int found = -1;
        for (int i = from; i + 8 <= to; i++) {
            if (v.getLong(i) == value) {
                if (found >= 0) throw new IllegalStateException("value found twice in the record");
                found = i;
            }
        }
        if (found < 0) throw new IllegalStateException("TimeCreated value not found in the record");
        return found;
    }

    private static long crc(byte[] b, int... ranges) {
        CRC32 c = new CRC32();
        for (int i = 0; i < ranges.length; i += 2) c.update(b, ranges[i], ranges[i + 1]);
        return c.getValue();
    }
}
