package dwell.format.evtx;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders the Binary XML value types as Windows renders them in event XML: decimal integers, {@code 0x} hex
 * without padding, upper-case braced GUIDs, {@code S-1-...} SIDs, ISO-8601 UTC times with FILETIME's 100 ns.
 */
final class ValueTypes {
    static final int NULL = 0x00;
    static final int STRING = 0x01;
    static final int ANSI = 0x02;
    static final int INT8 = 0x03;
    static final int UINT8 = 0x04;
    static final int INT16 = 0x05;
    static final int UINT16 = 0x06;
    static final int INT32 = 0x07;
    static final int UINT32 = 0x08;
    static final int INT64 = 0x09;
    static final int UINT64 = 0x0a;
    static final int FLOAT = 0x0b;
    static final int DOUBLE = 0x0c;
    static final int BOOL = 0x0d;
    static final int BINARY = 0x0e;
    static final int GUID = 0x0f;
    static final int SIZE_T = 0x10;
    static final int FILETIME = 0x11;
    static final int SYSTEMTIME = 0x12;
    static final int SID = 0x13;
    static final int HEX32 = 0x14;
    static final int HEX64 = 0x15;
    static final int BINXML = 0x21;
    static final int ARRAY = 0x80;

    private static final Charset ANSI_CHARSET = Charset.forName("windows-1252");
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
    private static final char[] LOWER_HEX = "0123456789abcdef".toCharArray();
    /** Where each of a GUID's 16 bytes goes in its text: the first three groups are little-endian numbers. */
    private static final int[] GUID_TEXT = {7, 5, 3, 1, 12, 10, 17, 15, 20, 22, 25, 27, 29, 31, 33, 35};
    private static final long FILETIME_EPOCH_OFFSET_SECONDS = 11_644_473_600L;

    private ValueTypes() {
    }

    /** Renders one scalar value of {@code type} stored in {@code b[off, off+size)}; text is decoded by {@code text}. */
    static String scalar(byte[] b, int off, int size, int type, Utf16 text) {
        return switch (type) {
            case NULL -> "";
            case STRING -> text.trimmed(b, off, size);
            case ANSI -> ansi(b, off, size);
            case INT8 -> size == 1 ? Integer.toString(b[off]) : hex(b, off, size);
            case UINT8 -> size == 1 ? Integer.toString(b[off] & 0xff) : hex(b, off, size);
            case INT16 -> size == 2 ? Integer.toString((short) Le.u16(b, off, off + 2)) : hex(b, off, size);
            case UINT16 -> size == 2 ? Integer.toString(Le.u16(b, off, off + 2)) : hex(b, off, size);
            case INT32 -> size == 4 ? Integer.toString(Le.i32(b, off)) : hex(b, off, size);
            case UINT32 -> size == 4 ? Long.toString(Le.i32(b, off) & 0xffffffffL) : hex(b, off, size);
            case INT64 -> size == 8 ? Long.toString(Le.i64(b, off)) : hex(b, off, size);
            case UINT64 -> size == 8 ? Long.toUnsignedString(Le.i64(b, off)) : hex(b, off, size);
            case FLOAT -> size == 4 ? real(Float.intBitsToFloat(Le.i32(b, off))) : hex(b, off, size);
            case DOUBLE -> size == 8 ? real(Double.longBitsToDouble(Le.i64(b, off))) : hex(b, off, size);
            case BOOL -> bool(b, off, size);
            case GUID -> size == 16 ? guid(b, off) : hex(b, off, size);
            case SIZE_T, HEX32, HEX64 -> size == 4 ? hexNumber(Le.i32(b, off) & 0xffffffffL)
                    : size == 8 ? hexNumber(Le.i64(b, off)) : hex(b, off, size);
            case FILETIME -> size == 8 ? filetime(Le.i64(b, off)) : hex(b, off, size);
            case SYSTEMTIME -> size == 16 ? systemtime(b, off) : hex(b, off, size);
            case SID -> sid(b, off, size);
            default -> hex(b, off, size);
        };
    }

    /** Splits an array value into its items (strings are NUL-terminated, the rest have fixed sizes); text is decoded by {@code text}. */
    static String[] array(byte[] b, int off, int size, int type, Utf16 text) {
        int element = type & ~ARRAY;
        List<String> items = new ArrayList<>();
        switch (element) {
            case STRING -> {
                int start = off;
                int end = off + (size & ~1);
                for (int p = off; p < end; p += 2) {
                    if (b[p] == 0 && b[p + 1] == 0) {
                        items.add(text.chars(b, start, (p - start) / 2));
                        start = p + 2;
                    }
                }
                if (start < end) items.add(text.chars(b, start, (end - start) / 2));
            }
            case ANSI -> {
                int start = off;
                for (int p = off; p < off + size; p++) {
                    if (b[p] == 0) {
                        items.add(new String(b, start, p - start, ANSI_CHARSET));
                        start = p + 1;
                    }
                }
                if (start < off + size) items.add(new String(b, start, off + size - start, ANSI_CHARSET));
            }
            case SID -> {
                int p = off;
                while (p + 8 <= off + size) {
                    int len = 8 + 4 * (b[p + 1] & 0xff);
                    if (p + len > off + size) break;
                    items.add(sid(b, p, len));
                    p += len;
                }
            }
            default -> {
                int width = width(element, size);
                if (width <= 0) {
                    items.add(hex(b, off, size));
                } else {
                    for (int p = off; p + width <= off + size; p += width) items.add(scalar(b, p, width, element, text));
                }
            }
        }
        return items.toArray(new String[0]);
    }

    private static int width(int type, int size) {
        return switch (type) {
            case INT8, UINT8 -> 1;
            case INT16, UINT16 -> 2;
            case INT32, UINT32, FLOAT, BOOL, HEX32 -> 4;
            case INT64, UINT64, DOUBLE, FILETIME, HEX64 -> 8;
            case SIZE_T -> size % 8 == 0 ? 8 : 4;
            case GUID, SYSTEMTIME -> 16;
            default -> 0;
        };
    }

    private static String ansi(byte[] b, int off, int size) {
        int end = off + size;
        while (end > off && b[end - 1] == 0) end--;
        return new String(b, off, end - off, ANSI_CHARSET);
    }

    private static String bool(byte[] b, int off, int size) {
        boolean any = false;
        for (int i = 0; i < size; i++) any |= b[off + i] != 0;
        return any ? "true" : "false";
    }

    private static String real(double d) {
        if (d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e15) return Long.toString((long) d);
        return Double.toString(d);
    }

    static String hex(byte[] b, int off, int size) {
        char[] c = new char[size * 2];
        for (int i = 0; i < size; i++) {
            c[2 * i] = HEX[(b[off + i] >> 4) & 0xf];
            c[2 * i + 1] = HEX[b[off + i] & 0xf];
        }
        return new String(c);
    }

    /**
     * {@code "0x" + Long.toHexString(v)} written into one array: every event's Keywords is such a value, and the
     * concatenation cost two strings and their copies.
     */
    static String hexNumber(long v) {
        int digits = Math.max(1, (67 - Long.numberOfLeadingZeros(v)) / 4);
        byte[] s = new byte[2 + digits];
        s[0] = '0';
        s[1] = 'x';
        for (int i = s.length - 1; i >= 2; i--, v >>>= 4) s[i] = (byte) LOWER_HEX[(int) v & 0xf];
        return new String(s, StandardCharsets.ISO_8859_1);
    }

    static String guid(byte[] b, int off) {
        byte[] s = new byte[38];
        s[0] = '{';
        s[9] = s[14] = s[19] = s[24] = '-';
        s[37] = '}';
        for (int i = 0; i < 16; i++) {
            int v = b[off + i];
            int at = GUID_TEXT[i];
            s[at] = (byte) HEX[(v >> 4) & 0xf];
            s[at + 1] = (byte) HEX[v & 0xf];
        }
        return new String(s, StandardCharsets.ISO_8859_1);
    }

    /** A FILETIME (100 ns ticks since 1601) as an instant. */
    static Instant instant(long filetime) {
        long seconds = Math.floorDiv(filetime, 10_000_000L) - FILETIME_EPOCH_OFFSET_SECONDS;
        long ticks = Math.floorMod(filetime, 10_000_000L);
        return Instant.ofEpochSecond(seconds, ticks * 100);
    }

    /** ISO-8601 UTC with exactly seven fraction digits: FILETIME's full precision. */
    static String filetime(long filetime) {
        return iso(instant(filetime));
    }

    /** An instant as ISO-8601 UTC with seven fraction digits (100 ns). */
    static String iso(Instant t) {
        return IsoInstant.format(t);
    }

    private static String systemtime(byte[] b, int off) {
        int year = Le.u16(b, off, off + 16);
        int month = Le.u16(b, off + 2, off + 16);
        int day = Le.u16(b, off + 6, off + 16);
        int hour = Le.u16(b, off + 8, off + 16);
        int minute = Le.u16(b, off + 10, off + 16);
        int second = Le.u16(b, off + 12, off + 16);
        int millis = Le.u16(b, off + 14, off + 16);
        return String.format("%04d-%02d-%02dT%02d:%02d:%02d.%03d0000Z", year, month, day, hour, minute, second, millis);
    }

    static String sid(byte[] b, int off, int size) {
        if (size < 8) return hex(b, off, size);
        int count = b[off + 1] & 0xff;
        if (8 + 4 * count > size) return hex(b, off, size);
        long authority = 0;
        for (int i = 2; i < 8; i++) authority = authority << 8 | (b[off + i] & 0xff);
        StringBuilder s = new StringBuilder("S-").append(b[off] & 0xff).append('-');
        if (authority >= 1L << 32) s.append("0x").append(Long.toHexString(authority).toUpperCase());
        else s.append(authority);
        for (int i = 0; i < count; i++) s.append('-').append(Le.i32(b, off + 8 + 4 * i) & 0xffffffffL);
        return s.toString();
    }
}
