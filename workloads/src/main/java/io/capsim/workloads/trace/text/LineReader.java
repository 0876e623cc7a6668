package io.capsim.workloads.trace.text;

import io.capsim.workloads.trace.TraceFormatException;
import io.capsim.workloads.trace.TraceLimitException;
import io.capsim.workloads.trace.TraceLimits;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * Reads a text file as lines of bytes, without decoding or allocating per line: after
 * {@link #next()} the current line is {@code buffer()[start(), end())}, without its line terminator
 * ({@code \n}, {@code \r\n} or a lone trailing {@code \r}). A gzip file (magic bytes 1f 8b) is
 * decompressed transparently, and a UTF-8 byte-order mark at the start is dropped. The buffer grows to hold the longest line; memory does not depend on
 * the number of lines.
 *
 * <p>{@link TraceLimits} bound what is read: a line longer than {@link TraceLimits#maxLineBytes()}
 * (the buffer never grows past it), more decompressed bytes than
 * {@link TraceLimits#maxDecompressedBytes()}, and a gzip file decompressing to more than
 * {@link TraceLimits#maxCompressionRatio()} times its compressed size each throw
 * {@link TraceLimitException}.
 */
public final class LineReader implements AutoCloseable {

    private static final int INITIAL = 1 << 16;

    private final InputStream in;
    private final String name;
    private final TraceLimits limits;
    /** Bytes read from the file itself (compressed bytes for gzip), or null for a plain stream. */
    private final Counting raw;
    private final boolean gzip;
    private long decoded;
    private byte[] buf;
    private int pos;
    private int limit;
    private boolean eof;
    private int start;
    private int end;
    private long line;
    private boolean bomChecked;

    private LineReader(InputStream in, String name, TraceLimits limits, Counting raw, boolean gzip) {
        this.in = in;
        this.name = name;
        this.limits = limits;
        this.raw = raw;
        this.gzip = gzip;
        this.buf = new byte[Math.min(INITIAL, limits.maxLineBytes() + 2)];
    }

    /**
     * Opens {@code file} with the default {@link TraceLimits}, gunzipping it if it starts with the
     * gzip magic bytes.
     *
     * @throws TraceFormatException if the file cannot be opened or is not a regular file
     */
    public static LineReader open(Path file) {
        return open(file, TraceLimits.DEFAULTS);
    }

    /**
     * Opens {@code file}, gunzipping it if it starts with the gzip magic bytes.
     *
     * @throws TraceFormatException if the file cannot be opened or is not a regular file (a folder,
     *     a device such as {@code /dev/zero}, a pipe)
     */
    public static LineReader open(Path file, TraceLimits limits) {
        String name = file.toString();
        try {
            String notRegular = notRegularFile(file);
            if (notRegular != null) {
                throw new TraceFormatException(name, 0, notRegular);
            }
            Counting counted = new Counting(Files.newInputStream(file));
            InputStream raw = new BufferedInputStream(counted, 1 << 16);
            raw.mark(2);
            int b0 = raw.read();
            int b1 = raw.read();
            raw.reset();
            boolean gz = b0 == 0x1f && b1 == 0x8b;
            InputStream in = gz ? new GZIPInputStream(raw, 1 << 16) : raw;
            return new LineReader(in, name, limits, counted, gz);
        } catch (NoSuchFileException e) {
            throw new TraceFormatException(name, 0, "no such file", e);
        } catch (IOException e) {
            throw new TraceFormatException(name, 0, "cannot open: " + e.getMessage(), e);
        }
    }

    /**
     * Why {@code file} cannot be read as a trace: null for a regular file (symbolic links are
     * followed), else "is a folder, not a file" or "is not a regular file (a device, pipe or
     * socket)". Checked before opening, so a device such as {@code /dev/zero} is never read.
     *
     * @throws NoSuchFileException if nothing is there
     */
    public static String notRegularFile(Path file) throws IOException {
        BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
        if (a.isRegularFile()) {
            return null;
        }
        return a.isDirectory() ? "is a folder, not a file" : "is not a regular file (a device, pipe or socket)";
    }

    /** Reads lines from a stream (not decompressed) with the default limits; {@code name} is used in messages. */
    public static LineReader of(InputStream in, String name) {
        return of(in, name, TraceLimits.DEFAULTS);
    }

    /** Reads lines from a stream (not decompressed); {@code name} is used in messages. */
    public static LineReader of(InputStream in, String name, TraceLimits limits) {
        return new LineReader(in, name, limits, null, false);
    }

    /**
     * Moves to the next line.
     *
     * @return false at the end of the file (a last line without terminator is still returned)
     * @throws TraceFormatException on an I/O error
     */
    public boolean next() {
        if (line == 0 && !bomChecked) {
            bomChecked = true;
            while (limit < 3 && !eof) {
                fill();
            }
            if (limit >= 3 && buf[0] == (byte) 0xEF && buf[1] == (byte) 0xBB && buf[2] == (byte) 0xBF) {
                pos = 3;
            }
        }
        while (true) {
            for (int i = pos; i < limit; i++) {
                if (buf[i] == '\n') {
                    start = pos;
                    end = i > pos && buf[i - 1] == '\r' ? i - 1 : i;
                    pos = i + 1;
                    line++;
                    checkLength();
                    return true;
                }
            }
            if (eof) {
                if (pos < limit) {
                    start = pos;
                    end = buf[limit - 1] == '\r' ? limit - 1 : limit;
                    pos = limit;
                    line++;
                    checkLength();
                    return true;
                }
                return false;
            }
            fill();
        }
    }

    private void fill() {
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            pos = 0;
        } else if (limit == buf.length) {
            // The line so far fills the buffer. It may hold the line, its CR and LF at most.
            long cap = limits.maxLineBytes() + 2L;
            if (buf.length >= cap) {
                throw tooLong(line + 1);
            }
            buf = Arrays.copyOf(buf, (int) Math.min(cap, buf.length * 2L));
        }
        int n;
        try {
            n = in.read(buf, limit, buf.length - limit);
        } catch (IOException e) {
            throw new TraceFormatException(name, line + 1, "read failed: " + e.getMessage(), e);
        }
        if (n < 0) {
            eof = true;
            return;
        }
        limit += n;
        decoded += n;
        checkSize();
    }

    private void checkLength() {
        if (end - start > limits.maxLineBytes()) {
            throw tooLong(line);
        }
    }

    private TraceLimitException tooLong(long lineNumber) {
        return new TraceLimitException(name, lineNumber, "the line is longer than "
                + TraceLimits.bytes(limits.maxLineBytes()) + " (limit " + TraceLimits.LINE_LENGTH + ")",
                TraceLimits.LINE_LENGTH);
    }

    private void checkSize() {
        if (decoded > limits.maxDecompressedBytes()) {
            throw new TraceLimitException(name, line + 1, (gzip ? "decompresses to more than " : "is larger than ")
                    + TraceLimits.bytes(limits.maxDecompressedBytes()) + " (limit " + TraceLimits.DECOMPRESSED_SIZE + ")",
                    TraceLimits.DECOMPRESSED_SIZE);
        }
        if (gzip && decoded > TraceLimits.RATIO_GRACE_BYTES && raw.count > 0
                && decoded > limits.maxCompressionRatio() * raw.count) {
            throw new TraceLimitException(name, line + 1, String.format(java.util.Locale.ROOT,
                    "decompresses %.0f times larger than it is (%d bytes from %d; limit %s is %.0f): a gzip bomb?",
                    (double) decoded / raw.count, decoded, raw.count, TraceLimits.COMPRESSION_RATIO,
                    limits.maxCompressionRatio()), TraceLimits.COMPRESSION_RATIO);
        }
    }

    /** Counts the bytes read through it. */
    private static final class Counting extends FilterInputStream {
        long count;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long k = super.skip(n);
            count += Math.max(0, k);
            return k;
        }
    }

    /** The buffer holding the current line; valid until the next call to {@link #next()}. */
    public byte[] buffer() {
        return buf;
    }

    /** Start of the current line in {@link #buffer()}. */
    public int start() {
        return start;
    }

    /** End (exclusive) of the current line, before its terminator. */
    public int end() {
        return end;
    }

    /** The 1-based number of the current line. */
    public long line() {
        return line;
    }

    /** The current line decoded as UTF-8, for messages. */
    public String text() {
        return new String(buf, start, end - start, java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw new TraceFormatException(name, line, "close failed: " + e.getMessage(), e);
        }
    }
}
