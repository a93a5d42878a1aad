package dwell.event;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Field role tables for tests: the built-in one with a field added, to show that a stage reads the table. */
public final class TestRoles {
    private TestRoles() {
    }

    /** The text of the built-in {@code roles.yaml}. */
    public static String builtinText() {
        try (InputStream in = FieldRoles.class.getResourceAsStream("/dwell/fields/roles.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The built-in table with {@code field} added, first, to {@code role}. */
    public static FieldRoles withField(FieldRole role, String field) {
        String text = builtinText();
        String key = "\n" + role.id() + ": [";
        if (!text.contains(key)) throw new IllegalArgumentException("no list for role " + role.id());
        return parse(text.replace(key, key + field + ", "));
    }

    /** A table from YAML text. */
    public static FieldRoles parse(String yaml) {
        try {
            return FieldRoles.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
