package io.capsim.engine.sched.plugins;

import io.capsim.engine.cluster.LabelRequirement;
import io.capsim.engine.cluster.NodeSelectorTerm;

/**
 * Kubernetes' label syntax ({@code apimachinery/pkg/util/validation}: {@code IsQualifiedName},
 * {@code IsValidLabelValue}), checked without regular expressions or allocation: a key is an
 * optional DNS-1123 subdomain prefix (at most 253 characters) and {@code '/'}, then a name of 1 to
 * 63 characters of alphanumerics, {@code '-'}, {@code '_'} and {@code '.'} that begins and ends
 * with an alphanumeric; a value is empty or such a name.
 */
final class LabelSyntax {

    private static final int NAME_MAX = 63;
    private static final int PREFIX_MAX = 253;

    private LabelSyntax() {}

    /** True if {@code key} is a valid label key (qualified name). */
    static boolean validKey(String key) {
        int slash = key.indexOf('/');
        if (slash < 0) {
            return validName(key, 0, key.length());
        }
        if (key.indexOf('/', slash + 1) >= 0) {
            return false;
        }
        return validSubdomain(key, 0, slash) && validName(key, slash + 1, key.length());
    }

    /** True if {@code value} is a valid label value (empty, or a name). */
    static boolean validValue(String value) {
        return value.isEmpty() || validName(value, 0, value.length());
    }

    /**
     * True if the requirement parses as kube-scheduler parses it ({@code labels.NewRequirement}):
     * a valid key, and every value a valid label value.
     */
    static boolean valid(LabelRequirement r) {
        if (!validKey(r.key())) {
            return false;
        }
        for (int i = 0; i < r.values().size(); i++) {
            if (!validValue(r.values().get(i))) {
                return false;
            }
        }
        return true;
    }

    /** True if every requirement of the term is {@link #valid}. */
    static boolean valid(NodeSelectorTerm t) {
        for (int i = 0; i < t.requirements().size(); i++) {
            if (!valid(t.requirements().get(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean alnum(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    /** {@code ([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]}, at most 63 characters. */
    private static boolean validName(String s, int from, int to) {
        int n = to - from;
        if (n < 1 || n > NAME_MAX || !alnum(s.charAt(from)) || !alnum(s.charAt(to - 1))) {
            return false;
        }
        for (int i = from + 1; i < to - 1; i++) {
            char c = s.charAt(i);
            if (!alnum(c) && c != '-' && c != '_' && c != '.') {
                return false;
            }
        }
        return true;
    }

    /** DNS-1123 subdomain: dot-separated labels {@code [a-z0-9]([-a-z0-9]*[a-z0-9])?}, at most 253. */
    private static boolean validSubdomain(String s, int from, int to) {
        if (to - from < 1 || to - from > PREFIX_MAX) {
            return false;
        }
        int start = from;
        for (int i = from; i <= to; i++) {
            if (i == to || s.charAt(i) == '.') {
                if (!validDnsLabel(s, start, i)) {
                    return false;
                }
                start = i + 1;
            }
        }
        return true;
    }

    private static boolean lowerAlnum(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }

    private static boolean validDnsLabel(String s, int from, int to) {
        if (to - from < 1 || !lowerAlnum(s.charAt(from)) || !lowerAlnum(s.charAt(to - 1))) {
            return false;
        }
        for (int i = from + 1; i < to - 1; i++) {
            char c = s.charAt(i);
            if (!lowerAlnum(c) && c != '-') {
                return false;
            }
        }
        return true;
    }
}
