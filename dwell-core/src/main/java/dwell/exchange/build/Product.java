package dwell.exchange.build;

import java.time.LocalDate;
import java.util.Locale;

/** An Exchange Server product line, with the date Microsoft's support for it ended (null while supported). */
public enum Product {
    EXCHANGE_2007("Exchange 2007", "2007", LocalDate.of(2017, 4, 11), false),
    EXCHANGE_2010("Exchange 2010", "2010", LocalDate.of(2020, 10, 13), false),
    EXCHANGE_2013("Exchange 2013", "2013", LocalDate.of(2023, 4, 11), false),
    /** Support ended 2025-10-14; security updates continue only for customers in the Extended Security Update programme. */
    EXCHANGE_2016("Exchange 2016", "2016", LocalDate.of(2025, 10, 14), true),
    /** Support ended 2025-10-14; security updates continue only for customers in the Extended Security Update programme. */
    EXCHANGE_2019("Exchange 2019", "2019", LocalDate.of(2025, 10, 14), true),
    EXCHANGE_SE("Exchange SE", "SE", null, false);

    private final String displayName;
    private final String key;
    private final LocalDate endOfSupport;
    private final boolean extendedSecurityUpdates;

    Product(String displayName, String key, LocalDate endOfSupport, boolean extendedSecurityUpdates) {
        this.displayName = displayName;
        this.key = key;
        this.endOfSupport = endOfSupport;
        this.extendedSecurityUpdates = extendedSecurityUpdates;
    }

    public String displayName() {
        return displayName;
    }

    /** The short key used in data files: 2010, 2013, 2016, 2019, SE. */
    public String key() {
        return key;
    }

    /** End of support, or null while the product is supported. */
    public LocalDate endOfSupport() {
        return endOfSupport;
    }

    /** True when security updates continue after the end of support for customers in Microsoft's ESU programme. */
    public boolean extendedSecurityUpdates() {
        return extendedSecurityUpdates;
    }

    /** True if the product gets no security updates at all on {@code date}. */
    public boolean unsupportedOn(LocalDate date) {
        return endOfSupport != null && !extendedSecurityUpdates && date.isAfter(endOfSupport);
    }

    /** True if support ended by {@code date} (whether or not ESU updates still come). */
    public boolean pastEndOfSupport(LocalDate date) {
        return endOfSupport != null && date.isAfter(endOfSupport);
    }

    /** The product by data-file key (2010, 2013, 2016, 2019, SE), case-insensitively. */
    public static Product byKey(String key) {
        String k = key.strip().toUpperCase(Locale.ROOT);
        for (Product p : values()) {
            if (p.key.equals(k)) return p;
        }
        throw new IllegalArgumentException("unknown Exchange product: " + key);
    }

    /** The product named at the start of a build-list name such as "Exchange 2016 CU23 Mar24SU". */
    static Product fromReleaseName(String name) {
        String n = name.strip();
        for (Product p : values()) {
            if (n.startsWith(p.displayName + " ") || n.equals(p.displayName)) return p;
        }
        throw new IllegalArgumentException("release name names no known Exchange product: " + name);
    }
}
