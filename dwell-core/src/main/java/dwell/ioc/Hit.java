package dwell.ioc;

/**
 * One indicator matched in an event or evidence item: which one ({@code entry} is its number in the index),
 * in which field, on which value.
 */
record Hit(Ioc ioc, String field, String matched, int entry) {
}
