package dwell.inventory;

import java.time.LocalDate;

/** Days with no event inside a daily log series (from and to inclusive). */
public record Gap(String series, LocalDate from, LocalDate to) {
}
