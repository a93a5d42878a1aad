package dwell.exchange.exposure;

/** How much of a server's build is known, and from where (DESIGN.md ids). */
public enum Certainty {
    /** ExSetup.exe file version: CU and security update known. */
    EXACT("exact", true),
    /** Get-ExchangeServer's AdminDisplayVersion: the CU only, installed security updates unseen. */
    CU_ONLY("cu-only", false),
    /** Full build read remotely (X-OWA-Version header, ECP export tool manifest). */
    REMOTE_EXACT("remote-exact", true),
    /** CU read remotely (the OWA resource path), security updates unseen. */
    REMOTE_CU_ONLY("remote-cu-only", false);

    private final String id;
    private final boolean updateKnown;

    Certainty(String id, boolean updateKnown) {
        this.id = id;
        this.updateKnown = updateKnown;
    }

    public String id() {
        return id;
    }

    /** True if the build's revision reflects installed security updates. */
    public boolean updateKnown() {
        return updateKnown;
    }
}
