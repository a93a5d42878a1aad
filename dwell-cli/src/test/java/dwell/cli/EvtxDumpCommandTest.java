package dwell.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dump's plain-file reading through java.io: the same bytes and sizes, and the same problems, as through NIO. */
class EvtxDumpCommandTest {
    @TempDir
    Path dir;

    @Test
    void readsTheFileWhole() throws IOException {
        byte[] content = new byte[3 * 65536 + 17];
        for (int i = 0; i < content.length; i++) content[i] = (byte) (i * 31 + i / 256);
        Path f = Files.write(dir.resolve("a.evtx"), content);
        try (InputStream in = EvtxDumpCommand.open(f)) {
            assertArrayEquals(content, in.readAllBytes());
        }
        assertEquals(content.length, EvtxDumpCommand.size(f));
    }

    @Test
    void aFileThatCannotBeOpenedIsReportedAsNioReportedIt() throws IOException {
        Path missing = dir.resolve("gone.evtx");
        // what `f: cannot read: MESSAGE` printed before: NIO's exception, whose message is the path alone
        NoSuchFileException nio = assertThrows(NoSuchFileException.class, () -> Files.newInputStream(missing));
        NoSuchFileException ours = assertThrows(NoSuchFileException.class, () -> EvtxDumpCommand.open(missing));
        assertEquals(nio.getMessage(), ours.getMessage());
        assertEquals(0, EvtxDumpCommand.size(missing));
    }
}
