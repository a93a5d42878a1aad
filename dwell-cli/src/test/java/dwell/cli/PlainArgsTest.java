package dwell.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlainArgsTest {
    private static final Set<String> FLAGS = Set.of("--quiet");

    private static PlainArgs split(String... args) {
        return PlainArgs.read(args, 2, FLAGS);
    }

    @Test
    void pathsFlagsAndOptionsInTheirThreeForms() {
        PlainArgs line = split("evtx", "dump", "a.evtx", "--quiet", "-t", "2", "--format", "xml", "--threads=1", "b");
        assertEquals(List.of(Path.of("a.evtx"), Path.of("b")), line.paths());
        assertEquals(List.of(new PlainArgs.Option("--quiet", null), new PlainArgs.Option("-t", "2"),
                new PlainArgs.Option("--format", "xml"), new PlainArgs.Option("--threads", "1")), line.options());
        assertEquals(List.of(new PlainArgs.Option("--define", "a=b")), split("x", "y", "--define=a=b").options());
        assertEquals(new PlainArgs(List.of(), List.of()), split("x", "y"));
    }

    @Test
    void wordsPicocliMightReadOtherwiseLeaveTheLineToIt() {
        assertNull(split("x", "y", ""), "an empty word");
        assertNull(split("x", "y", "@args.txt"), "an argument file");
        assertNull(split("x", "y", "-t", "@2"), "a value read from a file");
        assertNull(split("x", "y", "--quiet=true"), "a flag given a value");
        assertNull(split("x", "y", "-t"), "a missing value");
        assertNull(split("x", "y", "-t", "--quiet"), "a value that is an option");
        assertNull(split("x", "y", "--format="), "an empty value");
        assertNull(split("x", "y", "-t", "-1"), "a value that starts like an option");
        assertNull(split("x", "y", "a\0b"), "a path the file system refuses");
        assertNull(PlainArgs.path("a\0b"));
    }

    @Test
    void digitsAreThoseEveryIntegerConverterReadsAlike() {
        assertTrue(PlainArgs.digits("0", 9));
        assertTrue(PlainArgs.digits("123456789", 9));
        assertFalse(PlainArgs.digits("1234567890", 9), "too long");
        assertFalse(PlainArgs.digits("010", 9), "octal to some converters");
        assertFalse(PlainArgs.digits("", 9));
        assertFalse(PlainArgs.digits("1e3", 9));
        assertFalse(PlainArgs.digits("\u0661", 9), "a digit of another script");
    }
}
