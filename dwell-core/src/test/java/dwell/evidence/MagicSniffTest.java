package dwell.evidence;

import static dwell.evidence.Fixtures.W3C;
import static dwell.evidence.Fixtures.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dwell.event.FormatId;
import dwell.format.evtx.EvtxLog;
import dwell.format.w3c.IisW3cLog;
import dwell.formats.Formats;
import java.io.File;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Archives and EVTX told by their magic numbers alone, as the full sniffing would tell them. */
class MagicSniffTest {
    /** An EVTX file's head: its signature, then text another format's sniffer would claim. */
    private static byte[] evtxHead() {
        byte[] head = Arrays.copyOf("ElfFile\0".getBytes(StandardCharsets.ISO_8859_1), 4096);
        byte[] text = utf8(W3C);
        System.arraycopy(text, 0, head, 8, text.length);
        return head;
    }

    @Test
    void magicNumbersGiveWhatTheFullSniffingGives() {
        byte[] evtx = evtxHead();
        assertEquals(EvtxLog.ID, Catalog.archiveOrEvtx(evtx, evtx.length));
        assertEquals(EvtxLog.ID, Catalog.sniff("x.log", evtx, evtx.length));
        // the archives' magic numbers come first, as before: a tar header after the signature makes a tar
        byte[] tar = evtx.clone();
        System.arraycopy("ustar".getBytes(StandardCharsets.ISO_8859_1), 0, tar, 257, 5);
        assertEquals(Archive.TAR.id(), Catalog.archiveOrEvtx(tar, tar.length));
        assertEquals(Archive.TAR.id(), Catalog.sniff("x.evtx", tar, tar.length));
        // a signature cut short is none
        assertNull(Catalog.archiveOrEvtx(evtx, 7));
        assertEquals(FormatId.UNKNOWN, Catalog.sniff("x.evtx", evtx, 7));
        // a log format's head is left to the full sniffing
        byte[] w3c = utf8(W3C);
        assertNull(Catalog.archiveOrEvtx(w3c, w3c.length));
        assertEquals(IisW3cLog.ID, Catalog.sniff("u_ex240101.log", w3c, w3c.length));
        // which holds while EVTX, whose clue is the strongest, is the first format sniffed
        assertTrue(Formats.all().get(0) instanceof EvtxLog);
    }

    @Test
    void anEvtxFileSetsUpNoOtherFormat() throws Exception {
        try (Fresh fresh = new Fresh()) {
            Method sniff = Class.forName(Catalog.class.getName(), true, fresh)
                    .getMethod("sniff", String.class, byte[].class, int.class);
            byte[] evtx = evtxHead();
            assertEquals("evtx", sniff.invoke(null, "x.evtx", evtx, evtx.length).toString());
            assertFalse(fresh.loaded("dwell.formats.Formats"));
            byte[] w3c = utf8(W3C);
            assertEquals(IisW3cLog.ID.id(), sniff.invoke(null, "u_ex240101.log", w3c, w3c.length).toString());
            assertTrue(fresh.loaded("dwell.formats.Formats"));
        }
    }

    /** dwell's classes loaded anew, so that which of them a call loads can be seen. */
    private static final class Fresh extends URLClassLoader {
        Fresh() throws MalformedURLException {
            super(classPath(), ClassLoader.getPlatformClassLoader());
        }

        boolean loaded(String name) {
            return findLoadedClass(name) != null;
        }

        private static URL[] classPath() throws MalformedURLException {
            List<URL> urls = new ArrayList<>();
            for (String p : System.getProperty("java.class.path").split(File.pathSeparator)) {
                urls.add(new File(p).toURI().toURL());
            }
            return urls.toArray(new URL[0]);
        }
    }
}
