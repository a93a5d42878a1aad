package dwell.casefile;

import java.util.List;

/** A query's columns and rows. */
public record QueryResult(List<String> columns, List<List<Object>> rows) {
}
