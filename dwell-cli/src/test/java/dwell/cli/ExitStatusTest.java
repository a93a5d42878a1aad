package dwell.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The exit statuses the man pages list are those the CLI returns and the README's table documents. */
class ExitStatusTest {
    @Test
    void statusesAreTheCommandLinesOwn() {
        assertEquals(List.of(0, Failure.EXIT_ERROR, Main.EXIT_USAGE, Main.EXIT_FAIL_ON),
                ExitStatus.all().stream().map(ExitStatus::code).toList());
    }

    @Test
    void meaningsAreTheReadmesTable() throws Exception {
        String readme = Files.readString(Dwell.root().resolve("README.md"));
        Matcher row = Pattern.compile("(?m)^\\| (\\d) \\| (.+) \\|$").matcher(readme.substring(readme.indexOf("Exit status:")));
        List<ExitStatus> documented = new java.util.ArrayList<>();
        while (row.find()) documented.add(new ExitStatus(Integer.parseInt(row.group(1)), row.group(2).replace("`", "")));
        assertEquals(documented.subList(0, 4), ExitStatus.all());
    }
}
