package io.capsim.reports.io;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Exchanges two folders in one step with Linux's {@code renameat2(RENAME_EXCHANGE)} (through JNA):
 * at every instant each name holds one complete folder, so a reader of the output folder sees the
 * old run or the new one and a crash leaves one of them in place. Where the call is missing (other
 * systems, old kernels) or the file system refuses it, {@link #exchange} says so and the caller
 * falls back to two renames.
 */
final class AtomicSwap {

    /** {@code RENAME_EXCHANGE} of {@code <linux/fs.h>}. */
    private static final int RENAME_EXCHANGE = 2;
    /** {@code AT_FDCWD}: paths are taken as they are (ours are absolute). */
    private static final int AT_FDCWD = -100;
    private static final int EINVAL = 22;
    private static final int ENOSYS = 38;
    private static final int EPERM = 1;

    /** The C library's renameat2. */
    interface CLibrary extends Library {
        int renameat2(int oldDirFd, String oldPath, int newDirFd, String newPath, int flags) throws LastErrorException;
    }

    private static volatile CLibrary libc;
    private static volatile boolean unavailable;

    private AtomicSwap() {}

    /**
     * Loads the C library through JNA, once per process, if this is Linux.
     *
     * @param scratch an empty folder of ours where JNA may unpack its native library for a moment
     *     (it deletes it once loaded), so that nothing is written outside the output's place; the
     *     caller deletes the folder after
     * @return true if {@link #exchange} can be tried
     */
    static boolean prepare(Path scratch) {
        return !Boolean.getBoolean("capsim.test.noExchange") && load(scratch) != null;
    }

    /**
     * Exchanges {@code a} and {@code b}, two existing folders on one file system.
     *
     * @return true if exchanged; false if this system or file system cannot (nothing was changed)
     * @throws IOException if the exchange failed for another reason (nothing was changed)
     */
    static boolean exchange(Path a, Path b) throws IOException {
        if (Boolean.getBoolean("capsim.test.noExchange")) {
            return false; // the crash tests exercise the two-rename fallback this way
        }
        CLibrary c = libc;
        if (c == null || unavailable) {
            return false;
        }
        try {
            c.renameat2(AT_FDCWD, a.toString(), AT_FDCWD, b.toString(), RENAME_EXCHANGE);
            return true;
        } catch (LastErrorException e) {
            int errno = e.getErrorCode();
            if (errno == EINVAL || errno == ENOSYS || errno == EPERM) {
                return false;
            }
            throw new IOException("cannot exchange " + a + " and " + b + ": errno " + errno);
        } catch (UnsatisfiedLinkError e) {
            unavailable = true;
            return false;
        }
    }

    private static CLibrary load(Path scratch) {
        if (unavailable) {
            return null;
        }
        CLibrary c = libc;
        if (c != null) {
            return c;
        }
        synchronized (AtomicSwap.class) {
            if (libc == null && !unavailable) {
                if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
                    unavailable = true;
                    return null;
                }
                if (System.getProperty("jna.tmpdir") == null) {
                    System.setProperty("jna.tmpdir", scratch.toString());
                }
                try {
                    libc = Native.load("c", CLibrary.class);
                } catch (UnsatisfiedLinkError | RuntimeException e) {
                    unavailable = true;
                }
            }
            return libc;
        }
    }
}
