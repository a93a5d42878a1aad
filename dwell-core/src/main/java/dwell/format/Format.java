package dwell.format;

/** The evidence formats dwell recognises, with the ids used in its output. */
public enum Format {
    IIS_W3C("iis-w3c"),
    EXCHANGE_HTTPPROXY("exchange-httpproxy"),
    EXCHANGE_ECP("exchange-ecp"),
    EXCHANGE_OAB("exchange-oab"),
    EXCHANGE_MSGTRK("exchange-msgtrk"),
    JSON("json"),
    CSV("csv"),
    ACCESS_COMBINED("access-combined"),
    SYSLOG("syslog"),
    EVTX("evtx"),
    ZIP("zip"),
    TAR("tar"),
    GZIP("gzip"),
    UNKNOWN("unknown");

    private final String id;

    Format(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public boolean isArchive() {
        return this == ZIP || this == TAR || this == GZIP;
    }

    public static Format byId(String id) {
        for (Format f : values()) {
            if (f.id.equals(id)) return f;
        }
        throw new IllegalArgumentException("unknown format id: " + id);
    }
}
