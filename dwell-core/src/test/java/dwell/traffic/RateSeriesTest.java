package dwell.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class RateSeriesTest {
    /** 1,500 virtual directories, /v0000 counted once ... each name i counted (i % 7) + 1 times, in shuffled order. */
    private static List<String> requests(long seed) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            for (int k = 0; k <= i % 7; k++) out.add(String.format("/v%04d", i));
        }
        Collections.shuffle(out, new Random(seed));
        return out;
    }

    /** What any counting must give: the 1,000 first names in sort order by name, the other 500's requests as one. */
    private static TreeMap<String, Long> expected() {
        TreeMap<String, Long> out = new TreeMap<>();
        long other = 0;
        for (int i = 0; i < 1500; i++) {
            if (i < RateSeries.MAX_VDIRS) out.put(String.format("/v%04d", i), (long) (i % 7) + 1);
            else other += i % 7 + 1;
        }
        out.put(RateSeries.OTHER_VDIRS, other);
        return out;
    }

    @Test
    void theNamesKeptAreTheFirstInSortOrderWhateverOrderTheRequestsCome() {
        for (long seed = 0; seed < 5; seed++) {
            RateSeries one = new RateSeries("iis-w3c EXCH01");
            for (String v : requests(seed)) one.add(0, v, false);
            assertEquals(expected(), one.vdirs(), "seed " + seed);
        }
    }

    @Test
    void threadsOrSharesCountingApartAndMergedInAnyOrderGiveTheSameCounts() {
        for (long seed = 0; seed < 5; seed++) {
            List<String> all = requests(seed);
            List<RateSeries> parts = new ArrayList<>();
            for (int p = 0; p < 3; p++) parts.add(new RateSeries("iis-w3c EXCH01"));
            for (int i = 0; i < all.size(); i++) parts.get(i % 3).add(i, all.get(i), false);
            Collections.shuffle(parts, new Random(seed));
            RateSeries merged = new RateSeries("iis-w3c EXCH01");
            parts.forEach(merged::merge);
            assertEquals(expected(), merged.vdirs(), "seed " + seed);
            assertEquals(all.size(), merged.minutes().values().stream().mapToLong(m -> m[0]).sum());
        }
    }
}
