package dwell.sigma;

import java.util.Locale;

/** The {@code fieldref} modifier: the field's value compared with another field's value of the same event. */
final class FieldRefTest implements ValueTest {
    /** How the two values are compared. */
    public enum Shape { EQUALS, PREFIX, SUFFIX, INFIX }

    private final String[] other;
    private final int[] slots;
    private final Shape shape;
    private final boolean cased;

    public FieldRefTest(String[] other, Shape shape, boolean cased) {
        this.other = other;
        this.slots = FieldSlots.of(other);
        this.shape = shape;
        this.cased = cased;
    }

    @Override
    public boolean test(String value, EventView view) {
        String o = view.get(slots, other);
        if (value == null || o == null) return false;
        String a = cased ? value : value.toLowerCase(Locale.ROOT);
        String b = cased ? o : o.toLowerCase(Locale.ROOT);
        return switch (shape) {
            case EQUALS -> a.equals(b);
            case PREFIX -> a.startsWith(b);
            case SUFFIX -> a.endsWith(b);
            case INFIX -> a.contains(b);
        };
    }

    @Override
    public ValueTest bind(FieldResolver resolver) {
        return new FieldRefTest(resolver.names(other[0]), shape, cased);
    }

    String[] other() {
        return other.clone();
    }

    Shape shape() {
        return shape;
    }

    boolean cased() {
        return cased;
    }

    @Override
    public String toString() {
        return "fieldref " + String.join("|", other);
    }
}
