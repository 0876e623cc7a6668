package io.capsim.workloads.trace;

import io.capsim.engine.kernel.SimTime;
import java.math.BigDecimal;

/**
 * Bounds on what a trace reader accepts, so that a hostile or corrupt file stops the read with a
 * message naming the limit instead of exhausting memory, disk or time. Exceeding one throws
 * {@link TraceLimitException} whatever the {@link BadRowPolicy}: a limit is not a bad row.
 *
 * <p>The names ({@link #DECOMPRESSED_SIZE} ...) are the ones {@code capsim --limit NAME=VALUE}
 * takes; {@code docs/RELIABILITY.md} lists them with their defaults.
 *
 * @param maxDecompressedBytes bytes a file may decompress to (gzip), or hold when not compressed
 * @param maxCompressionRatio decompressed bytes per compressed byte, checked once more than
 *     {@link #RATIO_GRACE_BYTES} have been decompressed (a gzip bomb reaches 1000:1; text traces
 *     compress 4:1 to 10:1)
 * @param maxLineBytes bytes in one line, terminator excluded; bounds the reader's buffer
 * @param maxGapTicks largest step between the times of consecutive rows
 * @param maxHorizonTicks latest row time, counted from the first row (bounds the span a reader or
 *     {@code trace inspect}'s per-minute series covers)
 */
public record TraceLimits(long maxDecompressedBytes, double maxCompressionRatio, int maxLineBytes, long maxGapTicks,
        long maxHorizonTicks) {

    /** Limit name of {@link #maxDecompressedBytes}. */
    public static final String DECOMPRESSED_SIZE = "trace-size";
    /** Limit name of {@link #maxCompressionRatio}. */
    public static final String COMPRESSION_RATIO = "trace-ratio";
    /** Limit name of {@link #maxLineBytes}. */
    public static final String LINE_LENGTH = "trace-line";
    /** Limit name of {@link #maxGapTicks}. */
    public static final String TIME_GAP = "trace-gap";
    /** Limit name of {@link #maxHorizonTicks}. */
    public static final String TIME_HORIZON = "trace-horizon";

    /** Decompressed bytes read before the ratio is checked (16 MiB): small files cannot be bombs. */
    public static final long RATIO_GRACE_BYTES = 16L << 20;

    /**
     * The defaults: 64 GiB decompressed, ratio 100, 1 MiB lines, 30-day gaps, a 366-day span (the
     * longest scenario duration).
     */
    public static final TraceLimits DEFAULTS = new TraceLimits(64L << 30, 100, 1 << 20,
            30 * 86_400 * SimTime.SECOND, 366 * 86_400 * SimTime.SECOND);

    public TraceLimits {
        if (maxDecompressedBytes <= 0 || !(maxCompressionRatio >= 1) || maxLineBytes <= 0 || maxGapTicks <= 0
                || maxHorizonTicks <= 0) {
            throw new IllegalArgumentException("trace limits must be positive (ratio at least 1)");
        }
    }

    /** A copy with another line limit. */
    public TraceLimits withMaxLineBytes(int bytes) {
        return new TraceLimits(maxDecompressedBytes, maxCompressionRatio, bytes, maxGapTicks, maxHorizonTicks);
    }

    /** {@code ticks} as seconds, exact to the nanosecond, for messages: {@code "12.5 s"}. */
    public static String seconds(long ticks) {
        return BigDecimal.valueOf(ticks, 9).stripTrailingZeros().toPlainString() + " s";
    }

    /** A byte count for messages: {@code "1 MiB"}, {@code "1536 KiB"}, {@code "17 bytes"}. */
    public static String bytes(long n) {
        String[] units = {"bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        int u = 0;
        long v = n;
        while (v != 0 && v % 1024 == 0 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return v + " " + units[u];
    }
}
