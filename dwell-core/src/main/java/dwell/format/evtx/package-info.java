/**
 * Windows XML Event Log (EVTX) reading: file and chunk headers, Binary XML with templates and typed
 * substitution values, records to {@link dwell.event.Event}s, damage reported and survived, slack carved.
 */
package dwell.format.evtx;
