package dwell.evidence;

import java.util.Set;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipMethod;

/** Says, from its header alone, why a zip member's data cannot be decompressed here (or that it can). */
final class ZipMemberCheck {
    /**
     * The methods commons-compress decompresses with no optional library. It also claims xz (95) and zstd (93),
     * but only when those libraries are present, and its streaming reader then fails with a NullPointerException.
     */
    private static final Set<Integer> READABLE = Set.of(
            ZipMethod.STORED.getCode(), ZipMethod.UNSHRINKING.getCode(), ZipMethod.IMPLODING.getCode(),
            ZipMethod.DEFLATED.getCode(), ZipMethod.ENHANCED_DEFLATED.getCode(), ZipMethod.BZIP2.getCode());

    private ZipMemberCheck() {
    }

    /** Why the member cannot be read, or null when it can. */
    static String unreadable(ZipArchiveEntry entry) {
        if (entry.getGeneralPurposeBit().usesEncryption() || entry.getGeneralPurposeBit().usesStrongEncryption()) {
            return "member is encrypted: not read";
        }
        int method = entry.getMethod();
        if (!READABLE.contains(method)) {
            ZipMethod known = ZipMethod.getMethodByCode(method);
            String name = known == null ? "unknown" : known.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
            return "unsupported compression method " + method + " (" + name + "): not read";
        }
        return null;
    }
}
