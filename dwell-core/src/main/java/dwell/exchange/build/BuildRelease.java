package dwell.exchange.build;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One released Exchange build: its number, product, level (the cumulative update, service pack or update
 * rollup it belongs to, e.g. {@code CU23}, {@code SP3 RU32}), the security update or hotfix update on top of
 * that level (e.g. {@code Mar21SU}, null for the level's own release), KB article and release date.
 */
public record BuildRelease(ExchangeBuild build, Product product, String level, String update, String kb,
                           LocalDate released, String name) {
    private static final Pattern UPDATE = Pattern.compile("[A-Z][a-z]{2}\\d{2}(SU|HU)(v\\d+)?");

    public BuildRelease {
        if (build == null || product == null || level == null || level.isBlank() || released == null || name == null) {
            throw new IllegalArgumentException("incomplete build release: " + name);
        }
        update = update == null || update.isBlank() ? null : update;
        kb = kb == null || kb.isBlank() ? null : kb;
    }

    /** Splits a build-list name such as "Exchange 2016 CU23 Aug23SUv2" into product, level and update. */
    public static BuildRelease fromName(String name, ExchangeBuild build, String kb, LocalDate released) {
        Product product = Product.fromReleaseName(name);
        String rest = name.strip().substring(product.displayName().length()).strip();
        List<String> level = new ArrayList<>();
        String update = null;
        for (String token : rest.split("\\s+")) {
            if (token.isEmpty() || token.startsWith("(")) continue; // "(2023H1)" only repeats the CU's release name
            if (UPDATE.matcher(token).matches()) {
                update = token;
            } else {
                level.add(token);
            }
        }
        String lv = level.isEmpty() ? "RTM" : String.join(" ", level);
        return new BuildRelease(build, product, lv, update, kb, released, name.strip());
    }

    /** True for a security update (SU) or hotfix update (HU) on top of a level, false for the level's own release. */
    public boolean isUpdate() {
        return update != null;
    }

    /** True if this release carries the update {@code id}, re-releases included (Aug23SU matches Aug23SUv2). */
    public boolean carries(String id) {
        return update != null && (update.equals(id) || update.startsWith(id + "v"));
    }

    /** The product and level, e.g. "Exchange 2016 CU23". */
    public String levelName() {
        return product.displayName() + " " + level;
    }
}
