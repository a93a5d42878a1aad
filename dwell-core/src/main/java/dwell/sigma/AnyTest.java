package dwell.sigma;

import java.util.List;

/** The variants one rule value becomes under a transforming modifier (windash, base64offset, expand): any matches. */
final class AnyTest implements ValueTest {
    private final ValueTest[] variants;

    public AnyTest(List<ValueTest> variants) {
        this.variants = variants.toArray(ValueTest[]::new);
    }

    @Override
    public boolean test(String value, EventView view) {
        for (ValueTest t : variants) if (t.test(value, view)) return true;
        return false;
    }

    @Override
    public int cost() {
        int c = 0;
        for (ValueTest t : variants) c += t.cost();
        return c;
    }

    public List<ValueTest> variants() {
        return List.of(variants);
    }

    @Override
    public String toString() {
        return "any" + List.of(variants);
    }
}
