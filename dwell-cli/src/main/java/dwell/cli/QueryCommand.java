package dwell.cli;

import dwell.text.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dwell.casefile.CaseFile;
import dwell.casefile.QueryResult;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** dwell query: SQL over a case file, or its tables exported as Parquet. */
@Command(name = "query", mixinStandardHelpOptions = true,
        description = "Runs SQL on a case file (tables: runs, items, findings, indicators, incidents, exposure).")
public final class QueryCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "CASE", description = "The case file (OUT/case.duckdb).")
    Path caseFile;

    @Parameters(index = "1", arity = "0..1", paramLabel = "SQL", description = "The query.")
    String sql;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "table",
            description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Option(names = "--parquet", paramLabel = "DIR", description = "Export every table as DIR/<table>.parquet.")
    Path parquet;

    @Mixin
    ConsoleOptions console = new ConsoleOptions();

    @Override
    public Integer call() throws Exception {
        if (sql == null && parquet == null) throw new InputError("give a SQL query or --parquet DIR");
        try (CaseFile c = CaseArgument.open(caseFile)) {
            if (parquet != null) {
                for (Path p : c.exportParquet(parquet)) System.err.println("wrote " + p);
            }
            if (sql == null) return 0;
            QueryResult r;
            try {
                r = c.query(sql);
            } catch (SQLException e) {
                throw new InputError("query failed: " + e.getMessage());
            }
            if (format == OutputFormat.json) {
                ArrayNode arr = Json.MAPPER.createArrayNode();
                for (List<Object> row : r.rows()) {
                    ObjectNode o = arr.addObject();
                    for (int i = 0; i < r.columns().size(); i++) o.putPOJO(r.columns().get(i), row.get(i));
                }
                System.out.println(Json.pretty(arr));
            } else {
                Table t = new Table(r.columns().toArray(String[]::new));
                for (List<Object> row : r.rows()) t.row(row.stream().map(o -> o == null ? "-" : o.toString()).toArray(String[]::new));
                t.print(System.out);
            }
        }
        return 0;
    }
}
