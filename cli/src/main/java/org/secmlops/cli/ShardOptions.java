package org.secmlops.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.secmlops.core.result.Shard;
import org.secmlops.core.result.ShardAssignment;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code --shard INDEX/COUNT}: evaluate one shard of the data (see {@link Shard}) for {@code secmlops merge}. The
 * shard's result is marked with the digest of the command, its options and the content of its input files, so the
 * merge can tell shards of one evaluation from others; where the outputs go, the gates, the threads, the device and
 * the shard itself are left out of the digest, and input paths count by content, not by name.
 */
final class ShardOptions {
    /** Options that may differ between the shards of one evaluation. */
    private static final Set<String> NOT_DIGESTED = Set.of("--shard", "--report-dir", "--export-dir", "--gate",
            "--gates-file", "--reference-result", "--threads", "--device");

    @Option(names = "--shard", paramLabel = "INDEX/COUNT", converter = ShardOptions.Converter.class,
            description = "Evaluate only shard INDEX of COUNT (counted from 1, e.g. 2/4): every COUNT-th batch of the"
                    + " data, seeded as in the unsharded run. Gates are not evaluated; merge the shards' result.json"
                    + " files with 'secmlops merge', which evaluates them once.")
    Shard shard;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /** Parses {@code INDEX/COUNT}. */
    static final class Converter implements CommandLine.ITypeConverter<Shard> {
        @Override
        public Shard convert(String value) {
            try {
                return Shard.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    boolean sharded() {
        return shard != null;
    }

    /**
     * Refuses gates on a shard run: they would judge a part of the data.
     *
     * @throws CommandLine.ParameterException a usage error
     */
    void refuseGates(GateOptions gates) throws InputException {
        if (sharded() && !gates.spec().gates().isEmpty()) {
            throw new CommandLine.ParameterException(command.commandLine(), "a shard run evaluates no gates: give"
                    + " --gate (or the step's qualityGates) to 'secmlops merge', which evaluates them once on the"
                    + " merged result");
        }
    }

    /**
     * Refuses an option that needs the whole data.
     *
     * @throws CommandLine.ParameterException a usage error naming the option and why
     */
    void refuse(boolean given, String option, String why) {
        if (sharded() && given) {
            throw new CommandLine.ParameterException(command.commandLine(), option + " cannot be used with --shard: "
                    + why);
        }
    }

    /** The assignment of this run, or {@code null} without {@code --shard}. */
    ShardAssignment assignment() throws InputException {
        return sharded() ? new ShardAssignment(shard, inputsDigest(), host()) : null;
    }

    private String inputsDigest() throws InputException {
        CommandLine.ParseResult parsed = command.commandLine().getParseResult();
        TreeMap<String, List<String>> options = new TreeMap<>();
        for (OptionSpec option : parsed.matchedOptions()) {
            String name = option.longestName();
            if (NOT_DIGESTED.contains(name)) {
                continue;
            }
            List<String> values = new ArrayList<>();
            for (String value : option.originalStringValues()) {
                values.add(isPath(option) ? contentDigest(name, Path.of(value)) : value);
            }
            options.put(name, values);
        }
        MessageDigest digest = sha256();
        digest.update((command.name() + "\n" + parsed.matchedPositionals().stream()
                .map(p -> String.valueOf(p.originalStringValues())).toList() + "\n" + options)
                .getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest.digest());
    }

    private static boolean isPath(OptionSpec option) {
        return option.type() == Path.class || (option.auxiliaryTypes().length > 0
                && option.auxiliaryTypes()[0] == Path.class);
    }

    /** SHA-256 of a file, or of a folder's files with their relative paths in name order. */
    private static String contentDigest(String option, Path path) throws InputException {
        MessageDigest digest = sha256();
        try {
            if (Files.isDirectory(path)) {
                List<Path> files;
                try (Stream<Path> walk = Files.walk(path)) {
                    files = walk.filter(Files::isRegularFile).sorted().toList();
                }
                for (Path file : files) {
                    digest.update(path.relativize(file).toString().getBytes(StandardCharsets.UTF_8));
                    digest.update((byte) 0);
                    update(digest, file);
                }
            } else if (Files.isRegularFile(path)) {
                update(digest, path);
            } else {
                return "absent:" + path.getFileName();
            }
        } catch (IOException e) {
            throw new InputException(option + " " + path + " cannot be read to digest it for the shard: " + e, e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void update(MessageDigest digest, Path file) throws IOException {
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java", e);
        }
    }

    /** The Jenkins agent (NODE_NAME, which the plugin's steps see), else the host name. */
    private static String host() {
        String node = System.getenv("NODE_NAME");
        if (node != null && !node.isBlank()) {
            return node;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown host";
        }
    }
}
