package dwell.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import dwell.hunt.Finding;
import dwell.hunt.Indicator;
import dwell.scan.ScanOutcome;
import dwell.text.Json;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A scan's findings and their indicators as Parquet, through Spark's writer: {@code FOLDER/findings} (one row a
 * finding, the columns of findings.jsonl, typed) and {@code FOLDER/finding_indicators} (one row an indicator of a
 * finding, with the finding's event reference, host and time), each one file, rows in findings.jsonl's order; and the
 * pivot index itself as {@code FOLDER/indicators} (one row a value an indexed event carries), from the executors.
 */
final class ParquetTables {
    static final StructType INDICATOR = new StructType().add("type", DataTypes.StringType).add("value", DataTypes.StringType);
    static final StructType FINDINGS = new StructType()
            .add("id", DataTypes.StringType, false)
            .add("time", DataTypes.TimestampType)
            .add("detector", DataTypes.StringType, false)
            .add("rule_id", DataTypes.StringType)
            .add("rule_title", DataTypes.StringType)
            .add("level", DataTypes.StringType)
            .add("tags", DataTypes.createArrayType(DataTypes.StringType))
            .add("host", DataTypes.StringType)
            .add("path", DataTypes.StringType)
            .add("sha256", DataTypes.StringType)
            .add("format", DataTypes.StringType)
            .add("line", DataTypes.LongType, false)
            .add("record", DataTypes.LongType, false)
            .add("event", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType))
            .add("indicators", DataTypes.createArrayType(INDICATOR))
            .add("details", DataTypes.StringType);
    static final StructType INDICATORS = new StructType()
            .add("kind", DataTypes.StringType, false)
            .add("value", DataTypes.StringType)
            .add("finding_id", DataTypes.StringType, false)
            .add("path", DataTypes.StringType)
            .add("line", DataTypes.LongType, false)
            .add("record", DataTypes.LongType, false)
            .add("host", DataTypes.StringType)
            .add("time", DataTypes.TimestampType);

    static final StructType ENTRIES = new StructType()
            .add("kind", DataTypes.StringType, false)
            .add("value", DataTypes.StringType, false)
            .add("field", DataTypes.StringType, false)
            .add("path", DataTypes.StringType, false)
            .add("line", DataTypes.LongType, false)
            .add("record", DataTypes.LongType, false)
            .add("time", DataTypes.TimestampType)
            .add("host", DataTypes.StringType);

    private ParquetTables() {
    }

    static void write(SparkSession session, ScanOutcome outcome, String folder) {
        List<Row> findings = new ArrayList<>();
        List<Row> indicators = new ArrayList<>();
        for (Finding f : outcome.findings()) {
            Timestamp time = f.time() == null ? null : Timestamp.from(f.time());
            List<Row> own = new ArrayList<>();
            for (Indicator i : f.indicators() == null ? List.<Indicator>of() : f.indicators()) {
                own.add(RowFactory.create(i.type(), i.value()));
                indicators.add(RowFactory.create(i.type(), i.value(), f.id(), f.evidence().path(), f.evidence().line(),
                        f.evidence().record(), f.host(), time));
            }
            findings.add(RowFactory.create(f.id(), time, f.detector(), f.rule().id(), f.rule().title(),
                    f.rule().level() == null ? null : f.rule().level().id(), f.rule().tags(), f.host(), f.evidence().path(),
                    f.evidence().sha256(), f.evidence().format(), f.evidence().line(), f.evidence().record(),
                    f.event(), own, details(f)));
        }
        write(session.createDataFrame(findings, FINDINGS), folder + "/findings");
        write(session.createDataFrame(indicators, INDICATORS), folder + "/finding_indicators");
    }

    /** The pivot index's entries as {@code FOLDER/indicators}, written by the executors that keep them, a file each part. */
    static void writeEntries(SparkSession session, org.apache.spark.api.java.JavaRDD<Row> entries, String folder) {
        session.createDataFrame(entries, ENTRIES).write().mode(SaveMode.Overwrite).option("compression", "snappy")
                .parquet(folder + "/indicators");
    }

    /** One partition, so one file whose rows keep the list's order; a time without zone written as UTC instants. */
    private static void write(Dataset<Row> table, String to) {
        table.coalesce(1).write().mode(SaveMode.Overwrite).option("compression", "snappy").parquet(to);
    }

    private static String details(Finding f) {
        if (f.details() == null || f.details().isEmpty()) return null;
        try {
            return Json.LINE.writeValueAsString(f.details());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
