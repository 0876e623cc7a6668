package io.capsim.workloads.trace.text;

/**
 * Splits a line into delimited fields without allocating: after {@link #split} field i is
 * {@code b[start(i), end(i))}. Fields in double quotes may contain the delimiter; the quotes are
 * excluded from the field and a doubled quote inside stays doubled (numbers never contain one).
 * A field that starts with a quote but is not closed on the line is malformed.
 */
public final class Fields {

    private final byte delimiter;
    private final int[] starts;
    private final int[] ends;
    private int count;

    /**
     * @param delimiter field separator, for example {@code ','}
     * @param maxFields fields to split at most; the rest of the line stays in the last field
     *     ({@link #complete()} tells whether the line had more)
     */
    public Fields(char delimiter, int maxFields) {
        this.delimiter = (byte) delimiter;
        this.starts = new int[maxFields];
        this.ends = new int[maxFields];
    }

    private boolean complete;

    /**
     * Splits {@code b[s, e)} into at most {@code maxFields} fields.
     *
     * @return the number of fields found
     * @throws BadValue if a quoted field is not closed
     */
    public int split(byte[] b, int s, int e) {
        int n = 0;
        int i = s;
        byte d = delimiter;
        int max = starts.length;
        while (true) {
            if (i < e && b[i] == '"') {
                int j = i + 1;
                while (true) {
                    if (j >= e) {
                        throw new BadValue("unclosed quote in field " + (n + 1));
                    }
                    if (b[j] == '"') {
                        if (j + 1 < e && b[j + 1] == '"') {
                            j += 2;
                            continue;
                        }
                        break;
                    }
                    j++;
                }
                starts[n] = i + 1;
                ends[n] = j;
                i = j + 1;
                if (i < e && b[i] != d) {
                    throw new BadValue("text after the closing quote of field " + (n + 1));
                }
            } else {
                int j = i;
                while (j < e && b[j] != d) {
                    j++;
                }
                starts[n] = i;
                ends[n] = j;
                i = j;
            }
            n++;
            if (i >= e) {
                complete = true;
                break;
            }
            i++; // the delimiter
            if (n == max) {
                complete = false;
                break;
            }
        }
        count = n;
        return n;
    }

    /** Fields found by the last split. */
    public int count() {
        return count;
    }

    /** True if the last split reached the end of the line (the line had at most maxFields fields). */
    public boolean complete() {
        return complete;
    }

    /** Start of field i. */
    public int start(int i) {
        return starts[i];
    }

    /** End (exclusive) of field i. */
    public int end(int i) {
        return ends[i];
    }
}
