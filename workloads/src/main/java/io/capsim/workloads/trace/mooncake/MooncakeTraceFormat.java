package io.capsim.workloads.trace.mooncake;

import io.capsim.workloads.ArrivalField;
import java.util.EnumSet;
import java.util.Set;
import io.capsim.engine.kernel.SimTime;
import io.capsim.workloads.trace.TraceCursor;
import io.capsim.workloads.trace.TraceFormat;
import io.capsim.workloads.trace.TraceOptions;
import io.capsim.workloads.trace.text.Ascii;
import io.capsim.workloads.trace.text.BadValue;
import io.capsim.workloads.trace.text.RowCursor;
import java.nio.file.Path;

/**
 * The Mooncake (Kimi) conversation trace, FAST '25 ({@code kvcache-ai/Mooncake},
 * {@code FAST25-release/traces/*.jsonl}, Apache-2.0): JSON Lines, one flat object per request,
 * {@code {"timestamp": 0, "input_length": 6758, "output_length": 500, "hash_ids": [...]}}.
 *
 * <p>Mapping: {@code timestamp} (integer milliseconds from the start of the trace) is the arrival
 * time, used as is (time 0 is the trace start); {@code input_length} is
 * {@link TraceCursor#inputTokens()}, {@code output_length} is {@link TraceCursor#outputTokens()};
 * {@code hash_ids} (ids of 512-token prefix blocks, integers) are {@link Cursor#prefixBlocks()} and
 * {@link Cursor#prefixBlock(int)}, their number also {@link Cursor#hashBlocks()}. Other
 * keys are skipped. Keys may come in any order; each object must be on one line.
 */
public final class MooncakeTraceFormat implements TraceFormat {

    /** Registered name. */
    public static final String NAME = "mooncake";

    @Override
    public Set<ArrivalField> fields(TraceOptions options) {
        return EnumSet.of(ArrivalField.INPUT_TOKENS, ArrivalField.OUTPUT_TOKENS);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Mooncake FAST'25 JSONL: time = timestamp (ms from trace start), inputTokens = input_length,"
                + " outputTokens = output_length";
    }

    @Override
    public Cursor open(Path file, TraceOptions options) {
        return new Cursor(file, options);
    }

    /** Cursor over one Mooncake JSONL file. */
    public static final class Cursor extends RowCursor {
        private long input;
        private long output;
        private int blocks;
        private long[] ids = new long[64];
        private int pos;

        Cursor(Path file, TraceOptions options) {
            super(file, options, Origin.ZERO);
        }

        @Override
        protected Row parseRow() {
            byte[] b = in.buffer();
            int e = in.end();
            pos = in.start();
            skipBlanks(b, e);
            if (pos == e) {
                return Row.IGNORE;
            }
            if (b[pos] != '{') {
                throw new BadValue("expected a JSON object starting with '{'");
            }
            pos++;
            boolean hasTime = false;
            boolean hasInput = false;
            boolean hasOutput = false;
            blocks = -1;
            skipBlanks(b, e);
            if (pos < e && b[pos] == '}') {
                pos++;
            } else {
                while (true) {
                    skipBlanks(b, e);
                    if (pos >= e || b[pos] != '"') {
                        throw new BadValue("expected a key in double quotes at column " + column());
                    }
                    int ks = ++pos;
                    while (pos < e && b[pos] != '"') {
                        if (b[pos] == '\\') {
                            pos++;
                        }
                        pos++;
                    }
                    if (pos >= e) {
                        throw new BadValue("unclosed key");
                    }
                    int ke = pos++;
                    skipBlanks(b, e);
                    if (pos >= e || b[pos] != ':') {
                        throw new BadValue("expected ':' after key \"" + Ascii.text(b, ks, ke) + "\"");
                    }
                    pos++;
                    skipBlanks(b, e);
                    if (Ascii.equals(b, ks, ke, "timestamp")) {
                        long ms = number(b, e, "timestamp");
                        if (ms > Long.MAX_VALUE / SimTime.MILLISECOND) {
                            throw new BadValue("timestamp: " + ms + " ms is out of range");
                        }
                        rawTicks = ms * SimTime.MILLISECOND;
                        hasTime = true;
                    } else if (Ascii.equals(b, ks, ke, "input_length")) {
                        input = number(b, e, "input_length");
                        hasInput = true;
                    } else if (Ascii.equals(b, ks, ke, "output_length")) {
                        output = number(b, e, "output_length");
                        hasOutput = true;
                    } else if (Ascii.equals(b, ks, ke, "hash_ids") && pos < e && b[pos] == '[') {
                        blocks = readIds(b, e);
                    } else {
                        skipValue(b, e);
                    }
                    skipBlanks(b, e);
                    if (pos < e && b[pos] == ',') {
                        pos++;
                        continue;
                    }
                    if (pos < e && b[pos] == '}') {
                        pos++;
                        break;
                    }
                    throw new BadValue("expected ',' or '}' at column " + column());
                }
            }
            skipBlanks(b, e);
            if (pos != e) {
                throw new BadValue("text after the JSON object at column " + column());
            }
            if (!hasTime || !hasInput || !hasOutput) {
                throw new BadValue("missing key \"" + (!hasTime ? "timestamp" : !hasInput ? "input_length"
                        : "output_length") + "\"");
            }
            return Row.DATA;
        }

        private int column() {
            return pos - in.start() + 1;
        }

        private void skipBlanks(byte[] b, int e) {
            while (pos < e && (b[pos] == ' ' || b[pos] == '\t')) {
                pos++;
            }
        }

        private long number(byte[] b, int e, String key) {
            int s = pos;
            while (pos < e && b[pos] != ',' && b[pos] != '}' && b[pos] != ' ') {
                pos++;
            }
            long v;
            try {
                v = Ascii.parseLong(b, s, pos);
            } catch (BadValue x) {
                throw new BadValue(key + ": " + x.getMessage());
            }
            if (v < 0) {
                throw new BadValue(key + ": " + v + " is negative");
            }
            return v;
        }

        /** Reads a flat array of integers starting at '[' into {@code ids}; returns their number. */
        private int readIds(byte[] b, int e) {
            pos++;
            int n = 0;
            while (true) {
                skipBlanks(b, e);
                if (pos < e && b[pos] == ']' && n == 0) {
                    pos++;
                    return 0;
                }
                int s = pos;
                while (pos < e && b[pos] != ',' && b[pos] != ']' && b[pos] != ' ' && b[pos] != '\t') {
                    byte c = b[pos];
                    if (c == '[' || c == '{' || c == '"') {
                        throw new BadValue("hash_ids: expected a flat array of integers");
                    }
                    pos++;
                }
                if (pos >= e) {
                    throw new BadValue("hash_ids: unclosed array");
                }
                long v;
                try {
                    v = Ascii.parseLong(b, s, pos);
                } catch (BadValue x) {
                    throw new BadValue("hash_ids: " + x.getMessage());
                }
                if (n == ids.length) {
                    ids = java.util.Arrays.copyOf(ids, n * 2);
                }
                ids[n++] = v;
                skipBlanks(b, e);
                if (pos < e && b[pos] == ',') {
                    pos++;
                } else if (pos < e && b[pos] == ']') {
                    pos++;
                    return n;
                } else {
                    throw new BadValue(pos >= e ? "hash_ids: unclosed array" : "hash_ids: expected ',' or ']' at column "
                            + column());
                }
            }
        }

        /** Skips one JSON value of any kind. */
        private void skipValue(byte[] b, int e) {
            int depth = 0;
            while (pos < e) {
                byte c = b[pos];
                if (c == '"') {
                    pos++;
                    while (pos < e && b[pos] != '"') {
                        if (b[pos] == '\\') {
                            pos++;
                        }
                        pos++;
                    }
                    if (pos >= e) {
                        throw new BadValue("unclosed string");
                    }
                } else if (c == '[' || c == '{') {
                    depth++;
                } else if (c == ']' || c == '}') {
                    if (depth == 0) {
                        return;
                    }
                    depth--;
                } else if (c == ',' && depth == 0) {
                    return;
                }
                pos++;
            }
            if (depth != 0) {
                throw new BadValue("unclosed array or object");
            }
        }

        @Override
        public long inputTokens() {
            return input;
        }

        @Override
        public long outputTokens() {
            return output;
        }

        /** Number of 512-token prefix blocks in {@code hash_ids}, or -1 if the key is absent. */
        public int hashBlocks() {
            return blocks;
        }

        @Override
        public int prefixBlocks() {
            return blocks;
        }

        @Override
        public long prefixBlock(int i) {
            if (i < 0 || i >= blocks) {
                throw new IndexOutOfBoundsException("hash_ids has " + blocks + " ids, not " + (i + 1));
            }
            return ids[i];
        }
    }
}
