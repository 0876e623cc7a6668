package io.capsim.reports.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The hidden siblings of an output place and what a crashed run left of them. Beside
 * {@code NAME} lie {@code .NAME.capsim-lock} (the {@link SiblingLock}), the staging folder
 * {@code .NAME.capsim-new-ID} and, during a swap by two renames, the old folder
 * {@code .NAME.capsim-old-ID} ({@code ID}: a run's 12 hex digits); an {@link OutputFile} writes
 * {@code .NAME.capsim-tmp-ID}. Only names of exactly this form are ever recovered or deleted.
 */
final class OutputSiblings {

    /** A run's identity in a sibling's name: 12 lower-case hex digits. */
    static final Pattern RUN_ID = Pattern.compile("[0-9a-f]{12}");

    private OutputSiblings() {}

    /** {@code ".NAME.capsim-"}: the prefix of the lock, staging and old folders beside {@code dir}. */
    static String base(Path dir) {
        String name = dir.getFileName().toString();
        if (name.length() > 160) {
            name = name.substring(0, 120) + "-" + Integer.toHexString(name.hashCode());
        }
        return "." + name + ".capsim-";
    }

    /**
     * Puts things right after a crash, holding the lock: if the folder is missing while a complete
     * staging folder and the old folder of one swap are both there (a crash between two renames),
     * the staging folder takes its place; then every leftover staging and old folder is deleted.
     *
     * @param base {@link #base(Path) base(dir)}
     */
    static void recover(Path dir, String base) throws IOException {
        Path parent = dir.getParent();
        List<Path> news = new ArrayList<>();
        List<Path> olds = new ArrayList<>();
        try (Stream<Path> s = Files.list(parent)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                String n = p.getFileName().toString();
                if (!n.startsWith(base)) {
                    continue;
                }
                String rest = n.substring(base.length());
                if (rest.startsWith("new-") && RUN_ID.matcher(rest.substring(4)).matches()) {
                    news.add(p);
                } else if (rest.startsWith("old-") && RUN_ID.matcher(rest.substring(4)).matches()) {
                    olds.add(p);
                }
            }
        }
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            for (Path n : news) {
                String id = n.getFileName().toString().substring(base.length() + 4);
                Path old = parent.resolve(base + "old-" + id);
                if (olds.contains(old)
                        && Files.isRegularFile(n.resolve(OutputFolder.MANIFEST), LinkOption.NOFOLLOW_LINKS)) {
                    DurableFiles.move(n, dir);
                    news.remove(n);
                    break;
                }
            }
        }
        for (Path p : news) {
            DurableFiles.deleteTree(p);
        }
        for (Path p : olds) {
            DurableFiles.deleteTree(p);
        }
    }
}
