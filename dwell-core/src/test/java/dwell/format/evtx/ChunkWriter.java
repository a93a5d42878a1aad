package dwell.format.evtx;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/** Writes synthetic EVTX chunks and files token by token, for tests of each rule of the format. */
final class ChunkWriter {
    final byte[] c = new byte[ChunkHeader.CHUNK_SIZE];
    int pos = ChunkHeader.SIZE;
    private int recordStart;
    private int lastRecord;
    private long firstId = -1;
    private long lastId;

    /** A value for a template instance: its type and raw bytes. */
    record Value(int type, byte[] bytes) {
    }

    ChunkWriter beginRecord(long id, long filetime) {
        recordStart = pos;
        u8(0x2a).u8(0x2a).u8(0).u8(0).u32(0).u64(id).u64(filetime);
        if (firstId < 0) firstId = id;
        lastId = id;
        return this;
    }

    ChunkWriter endRecord() {
        int size = pos - recordStart + 4;
        u32(size);
        put32(recordStart + 4, size);
        lastRecord = recordStart;
        return this;
    }

    ChunkWriter fragmentHeader() {
        return u8(0x0f).u8(1).u8(1).u8(0);
    }

    /** Open start element with an inline name; {@code inValue} omits the dependency identifier. */
    ChunkWriter open(String name, boolean attributes, boolean inValue) {
        u8(attributes ? 0x41 : 0x01);
        if (!inValue) u16(0xffff);
        u32(0);
        name(name);
        if (attributes) u32(0);
        return this;
    }

    ChunkWriter open(String name, boolean attributes) {
        return open(name, attributes, false);
    }

    /** A name stored inline: its offset is the position right after the offset field. */
    ChunkWriter name(String name) {
        u32(pos + 4);
        u32(0).u16(0).u16(name.length());
        for (char ch : name.toCharArray()) u16(ch);
        return u16(0);
    }

    ChunkWriter nameRef(int offset) {
        return u32(offset);
    }

    ChunkWriter attribute(String name, boolean more) {
        u8(more ? 0x46 : 0x06);
        return name(name);
    }

    ChunkWriter closeStart() {
        return u8(0x02);
    }

    ChunkWriter closeEmpty() {
        return u8(0x03);
    }

    ChunkWriter end() {
        return u8(0x04);
    }

    ChunkWriter eof() {
        return u8(0x00);
    }

    ChunkWriter text(String s) {
        u8(0x05).u8(0x01).u16(s.length());
        for (char ch : s.toCharArray()) u16(ch);
        return this;
    }

    ChunkWriter subst(int index, int type, boolean optional) {
        return u8(optional ? 0x0e : 0x0d).u16(index).u8(type);
    }

    ChunkWriter charRef(int cp) {
        return u8(0x08).u16(cp);
    }

    ChunkWriter entityRef(String name) {
        u8(0x09);
        return name(name);
    }

    ChunkWriter cdata(String s) {
        u8(0x07).u16(s.length());
        for (char ch : s.toCharArray()) u16(ch);
        return this;
    }

    ChunkWriter pi(String target, String data) {
        u8(0x0a);
        name(target);
        u8(0x0b).u16(data.length());
        for (char ch : data.toCharArray()) u16(ch);
        return this;
    }

    /** Starts a template instance whose definition follows inline; returns the definition's offset. */
    int beginInlineTemplate() {
        u8(0x0c).u8(0x01).u32(0x1234);
        int def = pos + 4;
        u32(def);
        u32(0); // next template
        for (int i = 0; i < 16; i++) u8(i);
        u32(0); // data size, patched by endInlineTemplate
        return def;
    }

    ChunkWriter endInlineTemplate(int def) {
        put32(def + 20, pos - (def + 24));
        return this;
    }

    ChunkWriter templateRef(int def) {
        return u8(0x0c).u8(0x01).u32(0x1234).u32(def);
    }

    ChunkWriter values(Value... values) {
        u32(values.length);
        for (Value v : values) u16(v.bytes.length).u8(v.type).u8(0);
        for (Value v : values) bytes(v.bytes);
        return this;
    }

    /** Fills the chunk header (with valid checksums) and returns the chunk. */
    byte[] finish() {
        System.arraycopy(ChunkHeader.SIGNATURE, 0, c, 0, 8);
        put64(8, firstId);
        put64(16, lastId);
        put64(24, firstId);
        put64(32, lastId);
        put32(40, 128);
        put32(44, lastRecord);
        put32(48, pos);
        CRC32 crc = new CRC32();
        crc.update(c, ChunkHeader.SIZE, pos - ChunkHeader.SIZE);
        put32(52, (int) crc.getValue());
        crc.reset();
        crc.update(c, 0, 120);
        crc.update(c, 128, ChunkHeader.SIZE - 128);
        put32(124, (int) crc.getValue());
        return c;
    }

    /** A file: a header counting {@code chunkCount} chunks with {@code flags}, then the chunks. */
    static byte[] file(int chunkCount, int flags, byte[]... chunks) {
        byte[] h = new byte[FileHeader.SIZE];
        System.arraycopy(FileHeader.SIGNATURE, 0, h, 0, 8);
        h[32] = (byte) 128;
        h[36] = 1; // minor
        h[38] = 3; // major
        h[40] = 0x00;
        h[41] = 0x10; // block size 4096
        h[42] = (byte) chunkCount;
        h[120] = (byte) flags;
        CRC32 crc = new CRC32();
        crc.update(h, 0, 120);
        int v = (int) crc.getValue();
        for (int i = 0; i < 4; i++) h[124 + i] = (byte) (v >>> (8 * i));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(h);
        for (byte[] ch : chunks) out.writeBytes(ch);
        return out.toByteArray();
    }

    static Value utf16(String s) {
        return new Value(ValueTypes.STRING, s.getBytes(StandardCharsets.UTF_16LE));
    }

    static Value of(int type, int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < b.length; i++) b[i] = (byte) bytes[i];
        return new Value(type, b);
    }

    static Value le(int type, long v, int width) {
        byte[] b = new byte[width];
        for (int i = 0; i < width; i++) b[i] = (byte) (v >>> (8 * i));
        return new Value(type, b);
    }

    ChunkWriter u8(int v) {
        c[pos++] = (byte) v;
        return this;
    }

    ChunkWriter u16(int v) {
        return u8(v).u8(v >>> 8);
    }

    ChunkWriter u32(int v) {
        put32(pos, v);
        pos += 4;
        return this;
    }

    ChunkWriter u64(long v) {
        put64(pos, v);
        pos += 8;
        return this;
    }

    ChunkWriter bytes(byte[] b) {
        System.arraycopy(b, 0, c, pos, b.length);
        pos += b.length;
        return this;
    }

    void put32(int at, int v) {
        for (int i = 0; i < 4; i++) c[at + i] = (byte) (v >>> (8 * i));
    }

    void put64(int at, long v) {
        for (int i = 0; i < 8; i++) c[at + i] = (byte) (v >>> (8 * i));
    }
}
