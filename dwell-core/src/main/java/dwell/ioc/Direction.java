package dwell.ioc;

/** Which side of a connection an address or port indicator must be on (STIX src_ref / dst_ref); ANY for most feeds. */
enum Direction {
    ANY, SOURCE, DESTINATION
}
