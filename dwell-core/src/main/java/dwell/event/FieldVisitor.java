package dwell.event;

/** Receives an event's fields in their source order. */
@FunctionalInterface
public interface FieldVisitor {
    void field(String name, String value);
}
