package dwell.sigma;

/** One compiled Sigma value: decides whether a field value (null when the field is absent) matches it. */
public interface ValueTest {
    boolean test(String value, EventView view);

    /**
     * A lower-case text any matching value must contain, for the literal prefilter; empty when there is none.
     */
    default String requiredLiteral() {
        return "";
    }

    /** A rough relative cost of one test, to run cheap conditions first (the order never changes a result). */
    default int cost() {
        return 2;
    }

    /** This test with any field names it refers to resolved for one event type. */
    default ValueTest bind(FieldResolver resolver) {
        return this;
    }
}
