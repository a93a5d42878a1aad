package dwell.sigma;

/** The {@code null} value: the field is absent, or present with an empty value (EVTX writes unset data so). */
final class NullTest implements ValueTest {
    @Override
    public boolean test(String value, EventView view) {
        return value == null || value.isEmpty();
    }

    @Override
    public String toString() {
        return "null";
    }
}
