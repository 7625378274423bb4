package org.secmlops.core.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes the outputs of a run so that no output ever destroys an input or a file of the user's.
 *
 * <ul>
 *   <li>Every output is written as a new temporary file (created exclusively, never through a link) in the target's
 *       folder and then renamed over the final name atomically ({@code ATOMIC_MOVE}): a reader sees the old file or
 *       the new one, never half of one, and a run that fails or is cancelled leaves the old file (the temporary file
 *       is deleted, also by {@link #deletePending()} when the process is stopped).</li>
 *   <li>The rename replaces a symbolic link at the final name; the file it pointed to is never written.</li>
 *   <li>Something already at the final name is replaced only when it is an earlier output of the same
 *       {@link Kind} (recognised by its content); a folder, a device, a FIFO or any other file is refused with
 *       {@link PathRefusedException}.</li>
 *   <li>A {@link Plan} checks a whole run before it starts: two outputs naming the same file, and an output that is
 *       one of the run's inputs (by path, real path or file key), are refused with
 *       {@link IllegalArgumentException} (a usage error).</li>
 * </ul>
 */
public final class SafeOutput {
    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    /**
     * How much of an existing file the recognisers are given (at most; most look only at its first line). Large
     * enough for a whole signature bundle of a sharded model.
     */
    public static final int PREFIX_BYTES = 16 << 20;

    private static final Set<Path> PENDING = ConcurrentHashMap.newKeySet();

    private SafeOutput() {
    }

    /**
     * Recognises an earlier output of a kind from a prefix of its content (at most {@link #PREFIX_BYTES}).
     */
    @FunctionalInterface
    public interface Recogniser {
        boolean recognises(byte[] prefix, long size);
    }

    /** Writes the content of an output. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * A kind of output: its name in messages and how an earlier output of that kind is recognised.
     *
     * @param name       e.g. "result.json", "sample scores"
     * @param recogniser whether an existing regular file's content is an earlier output of this kind
     */
    public record Kind(String name, Recogniser recogniser) {
        public Kind {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(recogniser, "recogniser");
        }

        /**
         * A kind of JSON file whose earlier outputs start with this text once whitespace is removed (so indentation
         * does not matter), e.g. <code>{"schemaVersion":1,"capability":</code>.
         */
        public static Kind json(String name, String expected) {
            return new Kind(name, (content, size) -> {
                StringBuilder compact = new StringBuilder(expected.length());
                for (int i = 0; i < content.length && compact.length() < expected.length(); i++) {
                    if (!Character.isWhitespace(content[i])) {
                        compact.append((char) (content[i] & 0xff));
                    }
                }
                return compact.toString().startsWith(expected);
            });
        }

        /** A kind whose earlier outputs start with this text (in UTF-8). */
        public static Kind startingWith(String name, String prefix) {
            byte[] expected = prefix.getBytes(StandardCharsets.UTF_8);
            return new Kind(name, (content, size) -> startsWith(content, expected));
        }
    }

    /** The first line of the content (without {@code \r}), at most 64 KiB of it, decoded as UTF-8. */
    public static String firstLine(byte[] content) {
        int end = 0;
        int max = Math.min(content.length, 1 << 16);
        while (end < max && content[end] != '\n') {
            end++;
        }
        return new String(content, 0, end, StandardCharsets.UTF_8).replace("\r", "");
    }

    /** Whether the bytes start with the expected ones. */
    public static boolean startsWith(byte[] content, byte[] expected) {
        if (content.length < expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if (content[i] != expected[i]) {
                return false;
            }
        }
        return true;
    }

    /** Writes a text output (UTF-8). */
    public static void writeString(Path target, Kind kind, String text) throws IOException {
        write(target, kind, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Writes an output: checks what is at the final name ({@link #check}), writes the content to a new temporary
     * file in the same folder and renames it over the final name atomically.
     *
     * @throws PathRefusedException when the final name holds something that is not an earlier output of the kind
     */
    public static void write(Path target, Kind kind, Content content) throws IOException {
        Path absolute = target.toAbsolutePath().normalize();
        Path folder = absolute.getParent();
        if (folder == null || absolute.getFileName() == null) {
            throw new PathRefusedException("the " + kind.name() + " path " + target + " names no file");
        }
        check(absolute, kind);
        Files.createDirectories(folder);
        Path temporary = newTemporaryFile(folder, absolute.getFileName().toString());
        PENDING.add(temporary);
        try {
            try (OutputStream out = new BufferedOutputStream(
                    Files.newOutputStream(temporary, LinkOption.NOFOLLOW_LINKS), 1 << 16)) {
                content.writeTo(out);
            }
            // What is there may have changed while the content was written: look again just before the rename.
            check(absolute, kind);
            try {
                Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("cannot replace " + target + " atomically: " + e.getMessage(), e);
            }
        } finally {
            try {
                Files.deleteIfExists(temporary);
            } finally {
                PENDING.remove(temporary);
            }
        }
    }

    /**
     * A new file beside the target, created exclusively (never an existing file or link) with the permissions a
     * plain new file gets (the process's umask), as the output would have had if written directly; a temporary
     * file of the JDK's would leave every report readable by its owner only.
     */
    private static Path newTemporaryFile(Path folder, String name) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path candidate = folder.resolve("." + name + "." + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".tmp");
            try {
                return Files.createFile(candidate);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                if (attempt >= 100) {
                    throw e;
                }
            }
        }
    }

    /**
     * Deletes the temporary files of outputs being written right now; called when the process is stopped, before it
     * exits, so a cancelled run leaves no partial output.
     */
    public static void deletePending() {
        for (Path temporary : List.copyOf(PENDING)) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException e) {
                // the process is exiting; nothing better to do
            }
            PENDING.remove(temporary);
        }
    }

    /**
     * Checks that the output may be written: nothing is at its final name, a symbolic link to nothing (the link is
     * replaced), or an earlier output of the kind (directly or through a link; the link is replaced, its target
     * left alone).
     *
     * @throws PathRefusedException otherwise
     */
    public static void check(Path target, Kind kind) throws IOException {
        BasicFileAttributes link;
        try {
            link = Files.readAttributes(target, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return;
        }
        BasicFileAttributes file = link;
        if (link.isSymbolicLink()) {
            try {
                file = Files.readAttributes(target, BasicFileAttributes.class);
            } catch (NoSuchFileException e) {
                return;
            }
        }
        String what = link.isSymbolicLink() ? " is a symbolic link to " + Files.readSymbolicLink(target) + ", which"
                : "";
        if (!file.isRegularFile()) {
            throw new PathRefusedException("the " + kind.name() + " path " + target + what + " exists and is not a"
                    + " regular file (" + kindOf(file) + "); refusing to replace it");
        }
        byte[] prefix;
        try (InputStream in = Files.newInputStream(target)) {
            prefix = in.readNBytes(PREFIX_BYTES);
        }
        if (!kind.recogniser().recognises(prefix, file.size())) {
            throw new PathRefusedException("the " + kind.name() + " path " + target + what + " holds a file that is"
                    + " not a " + kind.name() + " (an output of an earlier run); refusing to overwrite it (choose"
                    + " another path, or remove the file)");
        }
    }

    private static String kindOf(BasicFileAttributes attributes) {
        if (attributes.isDirectory()) {
            return "a folder";
        }
        return attributes.isOther() ? "a device, FIFO or socket" : "not a plain file";
    }

    /**
     * The inputs and outputs of one run, checked together before the run starts.
     *
     * <pre>{@code
     * new SafeOutput.Plan().input("--data", data).output("--manifest-out", manifest, DataManifest.KIND).check();
     * }</pre>
     */
    public static final class Plan {
        private final List<Input> inputs = new ArrayList<>();
        private final List<Output> outputs = new ArrayList<>();

        private record Output(String option, Path path, Kind kind) {
        }

        private record Input(String option, Path path) {
        }

        /** An input of the run (ignored when {@code null}); no output may replace it. */
        public Plan input(String option, Path path) {
            if (path != null) {
                inputs.add(new Input(option, path));
            }
            return this;
        }

        /** An output of the run (ignored when {@code null}). */
        public Plan output(String option, Path path, Kind kind) {
            if (path != null) {
                outputs.add(new Output(option, path, kind));
            }
            return this;
        }

        /**
         * Checks the plan.
         *
         * @throws IllegalArgumentException when two outputs name the same file or an output is an input
         * @throws PathRefusedException     when an input is a device, FIFO or socket, or an output path holds
         *                                  something that is not an earlier output of its kind
         */
        public void check() throws IOException {
            for (Input input : inputs) {
                if (Files.exists(input.path())) {
                    InputFiles.requireFileOrDirectory(input.path(), input.option());
                }
            }
            for (int i = 0; i < outputs.size(); i++) {
                Output output = outputs.get(i);
                for (int j = 0; j < i; j++) {
                    Output other = outputs.get(j);
                    if (sameFile(output.path(), other.path())) {
                        throw new IllegalArgumentException(describe(other) + " and " + describe(output)
                                + " name the same file; give each output its own path");
                    }
                }
                for (Input input : inputs) {
                    if (sameFile(output.path(), input.path())) {
                        throw new IllegalArgumentException(describe(output) + " is an input of this run ("
                                + input.option() + " " + input.path() + "); refusing to overwrite it");
                    }
                }
            }
            for (Output output : outputs) {
                SafeOutput.check(output.path(), output.kind());
            }
        }

        private static String describe(Output output) {
            return (output.option().isEmpty() ? "" : output.option() + " ") + output.path();
        }
    }

    /**
     * Whether two paths name the same file: the same normalized absolute path, the same real path (links and
     * {@code ..} resolved), or, when both exist, the same file key (hard links).
     */
    static boolean sameFile(Path a, Path b) {
        Path left = a.toAbsolutePath().normalize();
        Path right = b.toAbsolutePath().normalize();
        if (left.equals(right) || realPath(left).equals(realPath(right))) {
            return true;
        }
        try {
            return Files.exists(left) && Files.exists(right) && Files.isSameFile(left, right);
        } catch (IOException e) {
            return false;
        }
    }

    /** The real path of an existing file; for a missing one, its parent's real path and its name. */
    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            Path parent = path.getParent();
            Path name = path.getFileName();
            return parent == null || name == null ? path : realPath(parent).resolve(name);
        }
    }
}
