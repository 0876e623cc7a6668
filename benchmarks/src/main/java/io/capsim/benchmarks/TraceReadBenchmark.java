package io.capsim.benchmarks;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.capsim.workloads.ArrivalField;
import io.capsim.workloads.trace.TraceCursor;
import io.capsim.workloads.trace.builtin.TraceFormats;
import io.capsim.workloads.trace.TraceOptions;
import io.capsim.workloads.trace.csv.CsvLayout;
import io.capsim.workloads.trace.csv.CsvUnit;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Trace rows read per second on one thread. Each invocation opens a file of {@value #ROWS} rows and
 * reads it to the end, summing every field; {@link OperationsPerInvocation} makes the score rows
 * per second. The files are written once per trial into a temporary directory, so after the first
 * iteration they are in the page cache and the benchmark measures parsing, not the disk.
 *
 * <p>The input mimics the Azure LLM inference trace 2023: {@code TIMESTAMP,ContextTokens,
 * GeneratedTokens} with 7 fractional digits and CRLF (about 38 bytes per row), arrivals 0-400 ms
 * apart, token counts up to 8,000 and 1,000. Variants:
 *
 * <ul>
 *   <li>{@code azure}: the built-in {@code azure-llm-2023} reader;
 *   <li>{@code csv-iso}: the generic CSV reader with the same layout by column names, ISO-8601 times;
 *   <li>{@code csv-seconds}: the generic CSV reader on {@code time_s,input_tokens,output_tokens}
 *       with decimal seconds (the {@code capsim trace synth} output);
 *   <li>{@code azure-gzip}: the built-in reader on the gzip-compressed file;
 *   <li>{@code naive-split}: a baseline, {@code BufferedReader.readLine}, {@code String.split} and
 *       {@code LocalDateTime.parse} (what an obvious reader would do);
 *   <li>{@code jackson}: a baseline with Jackson's streaming CSV parser (one {@code String} per
 *       field), {@code LocalDateTime.parse} and {@code Long.parseLong};
 *   <li>{@code jackson-tokens}: Jackson's CSV tokenizer alone, fetching each field's text and
 *       parsing nothing (an upper bound for any Jackson-based reader).
 * </ul>
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar TraceRead -f 2 -wi 3 -i 5 -w 1 -r 1}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(2)
public class TraceReadBenchmark {

    /** Rows per file. */
    public static final int ROWS = 1_000_000;

    /** Reader and file variant. */
    @Param({"azure", "csv-iso", "csv-seconds", "azure-gzip", "naive-split", "jackson", "jackson-tokens"})
    public String variant;

    private Path dir;
    private Path azure;
    private Path azureGz;
    private Path seconds;

    private static final CsvLayout ISO = CsvLayout.withHeader("TIMESTAMP", CsvUnit.ISO_8601, true)
            .map(ArrivalField.INPUT_TOKENS, "ContextTokens", CsvUnit.COUNT)
            .map(ArrivalField.OUTPUT_TOKENS, "GeneratedTokens", CsvUnit.COUNT);

    private static final CsvLayout SECONDS = CsvLayout.withHeader("time_s", CsvUnit.SECONDS, false)
            .map(ArrivalField.INPUT_TOKENS, "input_tokens", CsvUnit.COUNT)
            .map(ArrivalField.OUTPUT_TOKENS, "output_tokens", CsvUnit.COUNT);

    private static final DateTimeFormatter NAIVE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSS",
            Locale.ROOT);

    /** Writes the input files from a fixed seed. */
    @Setup(Level.Trial)
    public void write() throws IOException {
        dir = Files.createTempDirectory("capsim-trace-bench");
        azure = dir.resolve("azure.csv");
        azureGz = dir.resolve("azure.csv.gz");
        seconds = dir.resolve("seconds.csv");
        SplittableRandom r = new SplittableRandom(42);
        StringBuilder a = new StringBuilder(ROWS * 40).append("TIMESTAMP,ContextTokens,GeneratedTokens\r\n");
        StringBuilder s = new StringBuilder(ROWS * 30).append("time_s,input_tokens,output_tokens\n");
        LocalDateTime start = LocalDateTime.of(2023, 11, 16, 18, 15, 46);
        long t = 0; // units of 100 ns
        for (int i = 0; i < ROWS; i++) {
            t += r.nextLong(4_000_000);
            int in = 1 + r.nextInt(8_000);
            int out = 1 + r.nextInt(1_000);
            LocalDateTime ts = start.plusNanos(t * 100);
            a.append(String.format(Locale.ROOT, "%04d-%02d-%02d %02d:%02d:%02d.%07d,%d,%d\r\n", ts.getYear(),
                    ts.getMonthValue(), ts.getDayOfMonth(), ts.getHour(), ts.getMinute(), ts.getSecond(),
                    ts.getNano() / 100, in, out));
            s.append(t / 10_000_000).append('.').append(String.format(Locale.ROOT, "%07d", t % 10_000_000))
                    .append(',').append(in).append(',').append(out).append('\n');
        }
        byte[] bytes = a.toString().getBytes(StandardCharsets.US_ASCII);
        Files.write(azure, bytes);
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(azureGz), 1 << 16)) {
            o.write(bytes);
        }
        Files.writeString(seconds, s, StandardCharsets.US_ASCII);
    }

    /** Deletes the files. */
    @TearDown(Level.Trial)
    public void delete() throws IOException {
        Files.deleteIfExists(azure);
        Files.deleteIfExists(azureGz);
        Files.deleteIfExists(seconds);
        Files.deleteIfExists(dir);
    }

    /** Reads one whole file; returns a checksum of every field of every row. */
    @Benchmark
    @OperationsPerInvocation(ROWS)
    public long readFile() {
        switch (variant) {
            case "azure":
                return sum(TraceFormats.open("azure-llm-2023", azure, TraceOptions.defaults()));
            case "csv-iso":
                return sum(TraceFormats.open("csv", azure, TraceOptions.of(ISO)));
            case "csv-seconds":
                return sum(TraceFormats.open("csv", seconds, TraceOptions.of(SECONDS)));
            case "azure-gzip":
                return sum(TraceFormats.open("azure-llm-2023", azureGz, TraceOptions.defaults()));
            case "naive-split":
                return naive();
            case "jackson":
                return jackson(true);
            case "jackson-tokens":
                return jackson(false);
            default:
                throw new IllegalStateException(variant);
        }
    }

    private static long sum(TraceCursor c) {
        long s = 0;
        try (c) {
            while (c.advance()) {
                s += c.timeTicks() + c.inputTokens() + c.outputTokens();
            }
            if (c.rows() != ROWS) {
                throw new IllegalStateException("read " + c.rows() + " rows");
            }
        }
        return s;
    }

    private long jackson(boolean parse) {
        long s = 0;
        long first = Long.MIN_VALUE;
        try (CsvParser p = JACKSON.createParser(azure.toFile())) {
            p.setSchema(CsvSchema.emptySchema().withSkipFirstDataRow(true));
            JsonToken t;
            int field = 0;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.START_ARRAY) {
                    field = 0;
                } else if (t == JsonToken.VALUE_STRING) {
                    String text = p.getText();
                    if (!parse) {
                        s += text.length();
                    } else if (field == 0) {
                        LocalDateTime ts = LocalDateTime.parse(text, NAIVE);
                        long ns = ts.toEpochSecond(ZoneOffset.UTC) * 1_000_000_000L + ts.getNano();
                        if (first == Long.MIN_VALUE) {
                            first = ns;
                        }
                        s += ns - first;
                    } else {
                        s += Long.parseLong(text);
                    }
                    field++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return s;
    }

    private static final CsvFactory JACKSON = CsvFactory.builder().enable(CsvParser.Feature.WRAP_AS_ARRAY).build();

    private long naive() {
        long s = 0;
        long first = Long.MIN_VALUE;
        try (BufferedReader in = Files.newBufferedReader(azure, StandardCharsets.US_ASCII)) {
            in.readLine();
            String line;
            while ((line = in.readLine()) != null) {
                String[] f = line.split(",");
                LocalDateTime ts = LocalDateTime.parse(f[0], NAIVE);
                long ns = ts.toEpochSecond(ZoneOffset.UTC) * 1_000_000_000L + ts.getNano();
                if (first == Long.MIN_VALUE) {
                    first = ns;
                }
                s += ns - first + Long.parseLong(f[1]) + Long.parseLong(f[2]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return s;
    }
}
