package dwell.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Which display paths name a file by URI, and what a local one gives. */
class EvidencePathsTest {
    @Test
    void aSchemeWithAnAuthorityIsAUri() {
        assertTrue(EvidencePaths.isUri("hdfs://nn:8020/triage"));
        assertTrue(EvidencePaths.isUri("s3a://bucket/prefix/x.zip!/a.log"));
        assertTrue(EvidencePaths.isUri("file:///mnt/evidence"));
        assertTrue(EvidencePaths.isUri("viewfs+x.1://c/d"));
    }

    @Test
    void localPathsAreNot() {
        assertFalse(EvidencePaths.isUri("/work/examples/u_ex210303.log"));
        assertFalse(EvidencePaths.isUri("examples/EXCH01"));
        assertFalse(EvidencePaths.isUri("C://evidence"), "a one-letter scheme is a Windows drive");
        assertFalse(EvidencePaths.isUri("file:/mnt/evidence"), "no authority");
        assertFalse(EvidencePaths.isUri("1abc://x"), "a scheme starts with a letter");
        assertFalse(EvidencePaths.isUri("a b://x"));
        assertFalse(EvidencePaths.isUri("/x/hdfs://y"));
        // the JVM collapses a local path's double slashes, so its string never reads as a URI
        assertFalse(EvidencePaths.isUri(Path.of("hdfs://nn/x").toString()));
    }

    @Test
    void aLocalPathIsTheJvmsAndAUriWithoutItsFileSystemIsRefusedByName() {
        assertEquals(Path.of("/work/examples"), EvidencePaths.of("/work/examples"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EvidencePaths.of("hdfs://nn:8020/x"));
        assertEquals("hdfs://nn:8020/x: no file system for hdfs:// on this class path", e.getMessage());
    }
}
