package dwell.sigma;

import java.util.List;
import java.util.Map;

/** A rule's detection section: its named searches and its conditions (a list is ORed). */
public record Detection(Map<String, Search> searches, List<Condition> conditions) {
    public Detection {
        searches = Map.copyOf(searches);
        conditions = List.copyOf(conditions);
    }
}
