package io.capsim.scenarios.validate;

import io.capsim.workloads.trace.text.LineReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks the files a scenario names (traces, node and pod lists) before anything opens them: the
 * path must stay inside the scenario's folder, the working folder or a folder named with
 * {@code --allow-paths}, also once symbolic links are followed, and must be a readable regular
 * file. A path outside is refused without looking at the file system, so a scenario cannot learn
 * whether a file exists elsewhere, and nothing of such a file is ever read or printed.
 */
final class InputFiles {

    private InputFiles() {}

    /**
     * Resolves field {@code key} of {@code f} (already read as {@code text}) against {@code baseDir}
     * and checks it.
     *
     * @return the normalized absolute path, or null after reporting a problem at the field
     */
    static Path check(Fields f, String key, String text, Path baseDir) {
        Path base = baseDir.toAbsolutePath().normalize();
        Path file = base.resolve(text).normalize();
        List<Path> roots = roots(base);
        if (roots.stream().noneMatch(file::startsWith)) {
            f.problem(key, "\"" + text + "\" is outside " + describe(roots) + "; name its folder with "
                    + "--allow-paths DIR to read it");
            return null;
        }
        String why;
        try {
            why = LineReader.notRegularFile(file);
        } catch (NoSuchFileException e) {
            f.problem(key, "no such file: " + file + " (paths are relative to the scenario file's folder)");
            return null;
        } catch (IOException | SecurityException e) {
            f.problem(key, "cannot read " + file + ": " + e.getMessage());
            return null;
        }
        if (why != null) {
            f.problem(key, file + " " + why + "; give a trace or list file");
            return null;
        }
        try {
            Path real = file.toRealPath();
            List<Path> realRoots = new ArrayList<>();
            for (Path r : roots) {
                realRoots.add(realOrSelf(r));
            }
            if (realRoots.stream().noneMatch(real::startsWith)) {
                f.problem(key, "\"" + text + "\" leads through a symbolic link to " + real + ", outside "
                        + describe(roots) + "; name its folder with --allow-paths DIR to read it");
                return null;
            }
        } catch (IOException e) {
            f.problem(key, "cannot read " + file + ": " + e.getMessage());
            return null;
        }
        if (!Files.isReadable(file)) {
            f.problem(key, "cannot read " + file + " (permission denied)");
            return null;
        }
        return file;
    }

    /**
     * The bytes of a file {@link #check} accepted, at most {@code maxBytes} of them.
     *
     * @throws ScenarioException at {@code at} if the file is larger
     * @throws IOException if reading fails
     */
    static byte[] read(Path file, long maxBytes, Location at, String path) throws IOException {
        try (java.io.InputStream in = Files.newInputStream(file)) {
            byte[] b = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 16L, maxBytes + 1));
            if (b.length > maxBytes) {
                throw new ScenarioException(new Problem(at, path, file + " is larger than " + maxBytes + " bytes "
                        + InputLimits.hint(InputLimits.SCENARIO_SIZE, "SIZE")));
            }
            return b;
        }
    }

    /** The scenario's folder, the working folder, then the --allow-paths folders. */
    private static List<Path> roots(Path base) {
        List<Path> roots = new ArrayList<>();
        roots.add(base);
        roots.add(Path.of("").toAbsolutePath().normalize());
        for (Path p : ReadContext.current().allowedDirs()) {
            roots.add(p.toAbsolutePath().normalize());
        }
        return roots;
    }

    private static Path realOrSelf(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p;
        }
    }

    private static String describe(List<Path> roots) {
        StringBuilder sb = new StringBuilder("the scenario's folder (" + roots.get(0) + ") and the working folder ("
                + roots.get(1) + ")");
        Set<Path> extra = new LinkedHashSet<>(roots.subList(2, roots.size()));
        if (!extra.isEmpty()) {
            sb.append(" and the --allow-paths folders ").append(extra);
        }
        return sb.toString();
    }
}
