package dwell.pivot;

import static dwell.hunt.SharedHunts.travelled;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dwell.event.Event;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The statistics an item gives of wanted values ({@link ItemIndex#statistics}, tallied once per item by
 * {@link ItemStatistics}) are what counting every event that carries each value gives: its events, and the distinct
 * addresses, accounts and agents alongside it, accounts also only where no refused status came with them.
 */
class ItemStatisticsTest {
    private static final String ATTACKER = "198.51.100.7";

    @Test
    void eachItemsStatisticsAreThoseOfEveryEventCarryingTheValue() throws Exception {
        PivotCase c = new PivotCase();
        c.background(new Random(11), 400);
        Random rnd = new Random(7);
        // the attacker's spray: more accounts than the statistics keep, refused and served, two tools, over several days
        for (int i = 0; i < 3 * ValueStatistics.CAP; i++) {
            c.web(String.format("2021-03-%02dT%02d:%02d:00Z", 1 + i % 3, i / 60 % 24, i % 60), ATTACKER, "POST",
                    "/EWS/Exchange.asmx", "contoso\\user" + rnd.nextInt(2 * ValueStatistics.CAP), i % 2 == 0 ? "curl/7.1" : "python-requests/2.25.1",
                    i % 5 == 0 ? 200 : 401);
        }
        c.web("2021-03-02T23:00:00Z", ATTACKER, "GET", "/owa/", "contoso\\k.weber", "curl/7.1", 200);
        c.web("2021-03-02T23:01:00Z", "203.0.113.9", "GET", "/owa/", "contoso\\k.weber", "curl/7.1", 200);
        PivotFields fields = PivotFields.builtin();
        IndexFeed feed = new IndexFeed(fields, Long.MAX_VALUE);
        FirstPass.feed(c.events, 1, List.of(feed));
        Serializable part = travelled(feed.part());
        List<ItemIndex> items = new ArrayList<>();
        IndexFeed.items(part).forEachRemaining(items::add);
        assertTrue(items.size() > 3, "several items");

        Set<Value> wanted = new HashSet<>();
        for (Event e : c.events) wanted.addAll(values(fields, e));
        wanted.add(new Value(Kind.ACCOUNT_ADDRESS, "contoso\\k.weber from " + ATTACKER));
        wanted.add(new Value(Kind.ACCOUNT_ADDRESS, "contoso\\user3 from 192.0.2.250"));
        Set<Value> refused = Attempts.builtin().refused();
        Map<Value, ValueStatistics> joined = new HashMap<>();
        ValueQuery query = new ValueQuery(wanted);
        for (ItemIndex i : items) i.statistics(query, refused).forEach((v, s) -> joined.merge(v, s, ValueStatistics::merge));

        Map<Value, Expected> expected = new HashMap<>();
        for (Event e : c.events) {
            Set<Value> carried = values(fields, e);
            boolean served = carried.stream().noneMatch(refused::contains);
            for (Value v : wanted) {
                Value[] parts = v.kind() == Kind.ACCOUNT_ADDRESS ? v.parts() : new Value[] {v};
                if (!carried.containsAll(List.of(parts))) continue;
                expected.computeIfAbsent(v, k -> new Expected()).add(carried, served);
            }
        }
        assertEquals(expected.keySet(), joined.keySet(), "a value no event carries has no statistics");
        boolean capped = false;
        for (Map.Entry<Value, Expected> x : expected.entrySet()) {
            ValueStatistics s = joined.get(x.getKey());
            Expected want = x.getValue();
            assertEquals(want.count, s.count(), x.getKey().toString());
            for (int cap : List.of(0, 3, 20, ValueStatistics.CAP - 1)) {
                for (Kind k : List.of(Kind.IP, Kind.ACCOUNT, Kind.USER_AGENT)) {
                    assertEquals(Math.min(want.of(k, false).size(), cap + 1), s.distinct(k, cap, false), x.getKey() + " " + k + " " + cap);
                }
                assertEquals(Math.min(want.of(Kind.ACCOUNT, true).size(), cap + 1), s.distinct(Kind.ACCOUNT, cap, true), x.getKey() + " served " + cap);
            }
            capped |= want.of(Kind.ACCOUNT, false).size() > ValueStatistics.CAP;
        }
        assertTrue(capped, "a value comes with more accounts than are kept");
        assertEquals(2, expected.get(new Value(Kind.ACCOUNT, "contoso\\k.weber")).of(Kind.IP, false).size());
        assertEquals(1, expected.get(new Value(Kind.ACCOUNT_ADDRESS, "contoso\\k.weber from " + ATTACKER)).count, "a pair counts where both come");
    }

    private static Set<Value> values(PivotFields fields, Event e) {
        Set<Value> out = new HashSet<>();
        e.forEachField((n, v) -> {
            if (v != null && fields.kindOf(n) != null) fields.extract(n, v, out::add);
        });
        return out;
    }

    /** A value's statistics counted the plain way: every event carrying it, every value alongside. */
    private static final class Expected {
        long count;
        final Map<Kind, Set<Value>> all = new HashMap<>();
        final Set<Value> servedAccounts = new HashSet<>();

        void add(Set<Value> carried, boolean served) {
            count++;
            for (Value v : carried) {
                all.computeIfAbsent(v.kind(), k -> new HashSet<>()).add(v);
                if (served && v.kind() == Kind.ACCOUNT) servedAccounts.add(v);
            }
        }

        Set<Value> of(Kind k, boolean served) {
            return served ? servedAccounts : all.getOrDefault(k, Set.of());
        }
    }
}
