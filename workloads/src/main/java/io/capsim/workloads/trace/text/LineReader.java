package io.capsim.workloads.trace.text;

import io.capsim.workloads.trace.TraceFormatException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * Reads a text file as lines of bytes, without decoding or allocating per line: after
 * {@link #next()} the current line is {@code buffer()[start(), end())}, without its line terminator
 * ({@code \n}, {@code \r\n} or a lone trailing {@code \r}). A gzip file (magic bytes 1f 8b) is
 * decompressed transparently, and a UTF-8 byte-order mark at the start is dropped. The buffer grows to hold the longest line; memory does not depend on
 * the number of lines.
 */
public final class LineReader implements AutoCloseable {

    private static final int INITIAL = 1 << 16;

    private final InputStream in;
    private final String name;
    private byte[] buf = new byte[INITIAL];
    private int pos;
    private int limit;
    private boolean eof;
    private int start;
    private int end;
    private long line;
    private boolean bomChecked;

    private LineReader(InputStream in, String name) {
        this.in = in;
        this.name = name;
    }

    /**
     * Opens {@code file}, gunzipping it if it starts with the gzip magic bytes.
     *
     * @throws TraceFormatException if the file cannot be opened
     */
    public static LineReader open(Path file) {
        String name = file.toString();
        try {
            InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
            raw.mark(2);
            int b0 = raw.read();
            int b1 = raw.read();
            raw.reset();
            InputStream in = b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(raw, 1 << 16) : raw;
            return new LineReader(in, name);
        } catch (NoSuchFileException e) {
            throw new TraceFormatException(name, 0, "no such file", e);
        } catch (IOException e) {
            throw new TraceFormatException(name, 0, "cannot open: " + e.getMessage(), e);
        }
    }

    /** Reads lines from a stream (not decompressed); {@code name} is used in messages. */
    public static LineReader of(InputStream in, String name) {
        return new LineReader(in, name);
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
                    return true;
                }
            }
            if (eof) {
                if (pos < limit) {
                    start = pos;
                    end = buf[limit - 1] == '\r' ? limit - 1 : limit;
                    pos = limit;
                    line++;
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
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        try {
            int n = in.read(buf, limit, buf.length - limit);
            if (n < 0) {
                eof = true;
            } else {
                limit += n;
            }
        } catch (IOException e) {
            throw new TraceFormatException(name, line + 1, "read failed: " + e.getMessage(), e);
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
