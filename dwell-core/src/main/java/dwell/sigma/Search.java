package dwell.sigma;

import java.util.List;

/** A search identifier's definition as written in the rule, before field names are bound to an event type. */
public sealed interface Search {
    /** A map: every item must match. */
    record All(List<Search> items) implements Search {
        public All {
            items = List.copyOf(items);
        }
    }

    /** A list of maps (or of keywords): any element may match. */
    record Any(List<Search> items) implements Search {
        public Any {
            items = List.copyOf(items);
        }
    }

    /** One field item: {@code Field|modifiers: values}. */
    record Field(String name, ValueMatch match) implements Search {
    }

    /** Keywords: values searched in every field value and in the raw record. */
    record Keywords(ValueMatch match) implements Search {
    }
}
