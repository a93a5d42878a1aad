package dwell.hunt;

/** Receives findings; implementations used by the engine are thread-safe. */
@FunctionalInterface
public interface FindingSink {
    void add(Finding finding);
}
