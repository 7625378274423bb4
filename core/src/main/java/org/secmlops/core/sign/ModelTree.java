package org.secmlops.core.sign;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.FileVisitor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.secmlops.core.sign.VerificationProblem.Kind;

/**
 * Enumerates the regular files of a model (a file or a directory tree) with their canonical names:
 * relative to the model root, {@code /}-separated, {@code .} for a single-file model (as the reference
 * implementation names it). Never follows a directory symbolic link; follows file links only when the
 * signature allows symbolic links.
 */
final class ModelTree {
    /** The name of the one resource of a single-file model. */
    static final String SINGLE_FILE = ".";

    private ModelTree() {
    }

    /** A regular file of the model. */
    record Entry(String name, Path path, long size) {
    }

    /**
     * @param files       the regular files, sorted by name
     * @param ignored     names of ignored files and directories (directories with a final {@code /})
     * @param unsupported symbolic links and special files the model may not contain, and unreadable entries
     */
    record Listing(List<Entry> files, List<String> ignored, List<VerificationProblem> unsupported) {
    }

    /** Paths excluded from the signing scope, relative to the model root. */
    static final class IgnoreRules {
        /** Excluded by default, as the specification requires. */
        static final List<String> GIT_PATHS = List.of(".git", ".gitattributes", ".github", ".gitignore");

        private final Set<String> paths;

        IgnoreRules(Collection<String> paths) {
            this.paths = new TreeSet<>(ModelManifest.NAME_ORDER);
            for (String path : paths) {
                String clean = normalize(path);
                if (!clean.isEmpty()) {
                    this.paths.add(clean);
                }
            }
        }

        /** Whether the name is an ignored path or lies below one. */
        boolean ignores(String name) {
            for (String path : paths) {
                if (name.equals(path) || name.startsWith(path + "/")) {
                    return true;
                }
            }
            return false;
        }

        /** The paths in name order, for {@code serialization.ignore_paths}. */
        List<String> paths() {
            return List.copyOf(paths);
        }

        /** Collapses {@code ./}, {@code //} and a final {@code /}; the empty string for nothing usable. */
        static String normalize(String path) {
            List<String> parts = new ArrayList<>();
            for (String part : path.replace('\\', '/').split("/")) {
                if (part.isEmpty() || part.equals(".")) {
                    continue;
                }
                if (part.equals("..")) {
                    return "";
                }
                parts.add(part);
            }
            return String.join("/", parts);
        }

        /**
         * The model-relative name of a path the user gave: an absolute path or one relative to the working
         * directory (as the reference command line reads {@code --ignore-paths}) that lies inside the model, or
         * else a path relative to the model root.
         *
         * @return the relative name, or the empty string if the path is outside the model
         */
        static String relativeName(Path modelRoot, Path given) {
            Path root = modelRoot.toAbsolutePath().normalize();
            Path absolute = given.toAbsolutePath().normalize();
            if (absolute.startsWith(root) && !absolute.equals(root)) {
                return canonicalName(root.relativize(absolute));
            }
            if (!given.isAbsolute()) {
                return normalize(given.toString());
            }
            return "";
        }
    }

    static String canonicalName(Path relative) {
        StringBuilder name = new StringBuilder();
        for (Path part : relative) {
            if (name.length() > 0) {
                name.append('/');
            }
            name.append(part.toString());
        }
        return name.toString();
    }

    /**
     * Lists the model's files.
     *
     * @param model          a regular file or a directory
     * @param ignore         what to leave out
     * @param keep           names never left out even when an ignore rule covers them (the signed files, when
     *                       verifying)
     * @param followSymlinks whether symbolic links to files count as the files they point to
     */
    static Listing list(Path model, IgnoreRules ignore, Set<String> keep, boolean followSymlinks)
            throws IOException {
        List<Entry> files = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        List<VerificationProblem> unsupported = new ArrayList<>();
        if (!Files.isDirectory(model)) {
            files.add(new Entry(SINGLE_FILE, model, Files.size(model)));
            return new Listing(files, ignored, unsupported);
        }
        Set<String> keptDirectories = new HashSet<>();
        for (String name : keep) {
            for (int slash = name.indexOf('/'); slash > 0; slash = name.indexOf('/', slash + 1)) {
                keptDirectories.add(name.substring(0, slash));
            }
        }
        Path root = model;
        Files.walkFileTree(root, EnumSet.noneOf(java.nio.file.FileVisitOption.class), Integer.MAX_VALUE,
                new FileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                        if (dir.equals(root)) {
                            return FileVisitResult.CONTINUE;
                        }
                        String name = canonicalName(root.relativize(dir));
                        if (ignore.ignores(name) && !keptDirectories.contains(name) && !keep.contains(name)) {
                            ignored.add(name + "/");
                            return FileVisitResult.SKIP_SUBTREE;
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                        String name = canonicalName(root.relativize(file));
                        if (ignore.ignores(name) && !keep.contains(name)) {
                            ignored.add(name);
                        } else if (attrs.isRegularFile()) {
                            files.add(new Entry(name, file, attrs.size()));
                        } else if (attrs.isSymbolicLink()) {
                            symbolicLink(file, name);
                        } else if (attrs.isDirectory()) {
                            // Only reached at the depth limit, which is unlimited.
                            return FileVisitResult.CONTINUE;
                        } else {
                            unsupported.add(new VerificationProblem(Kind.UNSUPPORTED_FILE, name,
                                    name + " is not a regular file (device, pipe or socket)"));
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    private void symbolicLink(Path file, String name) {
                        if (!followSymlinks) {
                            unsupported.add(new VerificationProblem(Kind.UNSUPPORTED_FILE, name,
                                    name + " is a symbolic link; model signatures do not follow links"));
                            return;
                        }
                        try {
                            BasicFileAttributes target = Files.readAttributes(file, BasicFileAttributes.class);
                            if (target.isRegularFile()) {
                                files.add(new Entry(name, file, target.size()));
                            } else {
                                unsupported.add(new VerificationProblem(Kind.UNSUPPORTED_FILE, name,
                                        name + " is a symbolic link to a directory or special file"));
                            }
                        } catch (IOException e) {
                            unsupported.add(new VerificationProblem(Kind.UNSUPPORTED_FILE, name,
                                    name + " is a broken symbolic link"));
                        }
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException exc) {
                        String name = canonicalName(root.relativize(file));
                        if (!ignore.ignores(name) || keep.contains(name)) {
                            unsupported.add(new VerificationProblem(Kind.UNREADABLE_FILE, name,
                                    name + " cannot be read: " + exc.getClass().getSimpleName()));
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult postVisitDirectory(Path dir, IOException exc) {
                        if (exc != null) {
                            String name = canonicalName(root.relativize(dir));
                            unsupported.add(new VerificationProblem(Kind.UNREADABLE_FILE, name,
                                    name + " cannot be listed: " + exc.getClass().getSimpleName()));
                        }
                        return FileVisitResult.CONTINUE;
                    }
                });
        files.sort((a, b) -> ModelManifest.NAME_ORDER.compare(a.name(), b.name()));
        ignored.sort(ModelManifest.NAME_ORDER);
        return new Listing(files, ignored, unsupported);
    }
}
