package dwell.yara;

import java.util.List;

/**
 * A string's program kept as its bytes in a cached rule set until a scan first needs it: a repeated run decodes the
 * few programs whose atoms are hit instead of all of them (373,358 instructions of signature-base's two web-shell
 * files took half the decoding, and a scan of an empty folder runs none). The bytes come from an entry the cache has
 * checked against its SHA-256; the program is still checked as it is decoded ({@link ProgramCodec#read}).
 */
final class EncodedProgram implements ProgramSource {
    private final byte[] bytes;
    private final int offset;
    private final int length;
    private final List<long[]> sets;
    /** Decoded at most a few times by racing threads, each getting an equal program; kept once one is. */
    private volatile Program program;

    EncodedProgram(byte[] bytes, int offset, int length, List<long[]> sets) {
        this.bytes = bytes;
        this.offset = offset;
        this.length = length;
        this.sets = sets;
    }

    @Override
    public Program get() {
        Program p = program;
        if (p == null) {
            CodecIn in = new CodecIn(bytes, offset, offset + length);
            p = ProgramCodec.read(in, sets);
            in.end();
            program = p;
        }
        return p;
    }
}
