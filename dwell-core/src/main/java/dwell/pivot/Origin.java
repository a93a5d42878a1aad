package dwell.pivot;

import dwell.hunt.Finding;

/** Why an indicator is hunted: the finding that revealed it and the field it came from. */
record Origin(Finding finding, String field) {
}
