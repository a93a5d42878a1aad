package dwell.ioc;

import dwell.event.Event;
import java.util.List;

/**
 * The further conditions of indicators that have them (STIX observations joined by AND, MISP address|port),
 * each compiled to a one-entry index so it is matched with exactly the semantics of the main index.
 */
final class Conditions {
    private final IocIndex[] single;
    private final FieldPlacement placement;

    /** Compiles the checks of {@code ioc}. */
    Conditions(List<Ioc.Check> checks, FieldPlacement placement) {
        this.placement = placement;
        single = new IocIndex[checks.size()];
        for (int i = 0; i < checks.size(); i++) {
            Ioc.Check c = checks.get(i);
            if (!(c.value() instanceof IocValue.Port)) {
                single[i] = new IocIndex(List.of(new Ioc(c.value(), null, null, null)), placement);
            }
        }
    }

    /** True if the event meets every check. */
    boolean hold(List<Ioc.Check> checks, Event e) {
        for (int i = 0; i < checks.size(); i++) {
            Ioc.Check c = checks.get(i);
            boolean occurs;
            if (c.value() instanceof IocValue.Port p) {
                int r = port(p, e);
                if (r < 0) {
                    if (c.skipIfUnlogged()) continue;
                    occurs = false;
                } else {
                    occurs = r > 0;
                }
            } else {
                occurs = !new EventMatcher(single[i]).match(e).isEmpty();
            }
            if (occurs == c.negated()) return false;
        }
        return true;
    }

    /** 1 if the port occurs on the right side, 0 if not, -1 if the event records no port on that side. */
    private int port(IocValue.Port p, Event e) {
        int[] result = {-1};
        e.forEachField((name, value) -> {
            int roles = placement.roles(name);
            if (!Role.allowsPort(p.direction(), roles) || value == null) return;
            String v = value.strip();
            if (result[0] < 0) result[0] = 0;
            if (ValueParser.port(v) == p.port()) result[0] = 1;
        });
        return result[0];
    }
}
