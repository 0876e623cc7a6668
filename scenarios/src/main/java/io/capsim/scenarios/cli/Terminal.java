package io.capsim.scenarios.cli;

/**
 * Makes a message safe to print on a terminal: text quoted from a scenario or trace may hold
 * control characters (an escape sequence could rewrite the screen or the window title, a line
 * break could forge a line of output) or
 * bidirectional overrides that reorder what is shown; each is printed as {@code \\u{XXXX}}. Very
 * long messages (a whole quoted line of a trace) are cut in the middle.
 */
final class Terminal {

    /** Characters of a message kept at most; the rest is cut from the middle. */
    static final int MAX_CHARS = 2000;

    private Terminal() {}

    /**
     * True if the JVM runs on an interactive terminal (a progress bar can redraw itself), false
     * in a pipe or a log. From Java 22, {@code System.console()} is not null when the streams are
     * redirected, so {@code Console.isTerminal()} decides where it exists.
     */
    static boolean interactive() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // before Java 22: a console is a terminal
        }
    }

    static String safe(String message) {
        String m = message;
        if (m.length() > MAX_CHARS) {
            int keep = MAX_CHARS / 2;
            m = m.substring(0, keep) + " [... " + (m.length() - 2 * keep) + " characters ...] "
                    + m.substring(m.length() - keep);
        }
        StringBuilder sb = null;
        for (int i = 0; i < m.length(); i++) {
            char c = m.charAt(i);
            boolean bad = (c < 0x20 && c != '\t') || (c >= 0x7F && c <= 0x9F)
                    || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E || c == 0x200F
                    || c == 0x061C || Character.isSurrogate(c) && !validPair(m, i);
            if (bad) {
                if (sb == null) {
                    sb = new StringBuilder(m.length() + 16).append(m, 0, i);
                }
                sb.append(String.format("\\u{%04X}", (int) c));
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? m : sb.toString();
    }

    private static boolean validPair(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }
}
