package dwell.ioc;

/**
 * Where an indicator was defined: the feed file, its kind, and the line (1-based, 0 when the feed has no
 * lines) or the object id (STIX indicator id, MISP attribute uuid; null for line-based feeds).
 */
record IocSource(String feed, FeedKind kind, long line, String objectId) {

    /** The feed's file name, without its folder. */
    public String feedName() {
        String p = feed.replace('\\', '/');
        return p.substring(p.lastIndexOf('/') + 1);
    }

    /** A stable rule id: the object id, or {@code feed-file-name:line}. */
    public String ruleId() {
        return objectId != null ? objectId : feedName() + ":" + line;
    }

    /** Where to look, for people: {@code feed:line} or {@code feed id}. */
    public String where() {
        return objectId != null ? feedName() + " " + objectId : feedName() + ":" + line;
    }
}
