package io.capsim.engine.serving;

import java.util.Arrays;

/**
 * The tags of the requests sent to a service with {@link Service#call}, by request id, and the
 * {@link Service.Caller} told with its tag when such a request leaves. A request sent otherwise has
 * no tag.
 */
final class CallerTags {

    private Service.Caller caller;
    private int[] tags = new int[64]; // by request id: the tag, or -1 for none

    CallerTags(Service.Caller caller) {
        this.caller = caller;
        Arrays.fill(tags, -1);
    }

    void caller(Service.Caller c) {
        caller = c;
    }

    /** Request {@code id} was sent with {@code tag}. */
    void tag(int id, int tag) {
        grow(id);
        tags[id] = tag;
    }

    /** Request {@code to} takes over {@code from}'s tag, if it has one (a client's next attempt). */
    void move(int from, int to) {
        if (from < tags.length && tags[from] >= 0) {
            grow(to);
            tags[to] = tags[from];
            tags[from] = -1;
        }
    }

    /** Request {@code id} leaves: its caller, if it has a tag, is told. */
    void left(int id, boolean answered, long delayTicks) {
        if (id < tags.length && tags[id] >= 0) {
            int tag = tags[id];
            tags[id] = -1;
            caller.left(tag, answered, delayTicks);
        }
    }

    private void grow(int id) {
        if (id >= tags.length) {
            int from = tags.length;
            tags = Arrays.copyOf(tags, Math.max(id + 1, from * 2));
            Arrays.fill(tags, from, tags.length, -1);
        }
    }
}
