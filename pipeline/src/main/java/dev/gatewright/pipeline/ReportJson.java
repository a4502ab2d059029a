package dev.gatewright.pipeline;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.gatewright.flow.FlowReport;
import dev.gatewright.tool.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes a {@link NetworkBuildReport} as {@code report.json}: the record tree as it is, paths as plain
 * strings, a synthesis run's flow report in the form its own {@code report.json} has.
 */
public final class ReportJson {

  /** The report's file name in the build folder. */
  public static final String FILE = "report.json";

  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .registerModule(new SimpleModule("gatewright-report")
          .addSerializer(Path.class, new ToStringSerializer(Path.class))
          .addSerializer(FlowReport.class, new FlowReportSerializer()));

  private ReportJson() {}

  public static String toJson(NetworkBuildReport report) {
    try {
      return JSON.writeValueAsString(report) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("could not write the build report as JSON", e);
    }
  }

  /** A dataflow build's report, in the same form. */
  public static String toJson(DataflowBuildReport report) {
    try {
      return JSON.writeValueAsString(report) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("could not write the build report as JSON", e);
    }
  }

  /** Writes the dataflow build's report to {@code file}, atomically. */
  public static void write(DataflowBuildReport report, Path file) {
    AtomicFiles.writeString(file, toJson(report));
  }

  /** Writes the report to {@code file}, atomically. */
  public static void write(NetworkBuildReport report, Path file) {
    AtomicFiles.writeString(file, toJson(report));
  }

  private static final class FlowReportSerializer extends JsonSerializer<FlowReport> {
    @Override
    public void serialize(FlowReport report, JsonGenerator generator, SerializerProvider provider) throws IOException {
      generator.writeTree(JSON.readTree(report.toJson()));
    }
  }
}
