package org.secmlops.core.scan;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.secmlops.core.capability.scan.ScanFinding;
import org.secmlops.core.capability.scan.Severity;

/**
 * What a scan rule ({@link ScanFinding#rule()}) means, for exports that describe their rules (SARIF).
 *
 * @param id          the stable identifier, e.g. {@code PICKLE_DANGEROUS_GLOBAL}
 * @param severity    its usual severity (a finding may differ, e.g. by policy)
 * @param description one sentence: what the rule finds
 * @param help        what to do about a finding
 */
public record ScanRule(String id, Severity severity, String description, String help) {
    private static final String UNTRUSTED = " Do not load the model unless you trust where it came from and what it"
            + " does; prefer a format without code (e.g. safetensors, ONNX without external data).";
    private static final String INCOMPLETE = " The file could not be checked completely: review it by hand, or"
            + " re-export it in a format the scan reads.";

    private static final Map<String, ScanRule> ALL = catalogue(List.of(
            rule(Rules.PICKLE_DANGEROUS_GLOBAL, Severity.CRITICAL, "A pickle imports a callable that can run code,"
                    + " read or write files or reach the network when it is loaded.", UNTRUSTED),
            rule(Rules.PICKLE_UNKNOWN_GLOBAL, Severity.HIGH, "A pickle imports a global that the policy neither"
                    + " allows nor denies (HIGH when the pickle calls it, MEDIUM when it only imports it).", " Check the module; allow it in a policy file (--policy) if it is"
                    + " yours and safe."),
            rule(Rules.PICKLE_UNRESOLVED_GLOBAL, Severity.HIGH, "A pickle imports a global whose module or name is"
                    + " computed while loading, a classic obfuscation.", UNTRUSTED),
            rule(Rules.PICKLE_EXTENSION_REFERENCE, Severity.HIGH, "A pickle refers to a global through the copyreg"
                    + " extension registry, which the scan cannot resolve (CRITICAL when a call follows).", UNTRUSTED),
            rule(Rules.PICKLE_TRAILING_DATA, Severity.LOW, "A pickle has data after its STOP opcode, where a"
                    + " second payload can hide.", UNTRUSTED),
            rule(Rules.PICKLE_GLOBAL_MUTATION, Severity.HIGH, "A pickle applies BUILD to an imported global, which"
                    + " patches a module when the model is loaded.", UNTRUSTED),
            rule(Rules.SAVEDMODEL_DANGEROUS_OP, Severity.HIGH, "A TensorFlow graph contains an op that touches the"
                    + " file system or runs Python.", " Remove the op from the exported graph, or allow it in a"
                    + " policy file if the model needs it."),
            rule(Rules.KERAS_LAMBDA_LAYER, Severity.CRITICAL, "A Keras Lambda layer carries a Python function that"
                    + " runs when the model is rebuilt.", " Replace the Lambda layer with a registered layer class."),
            rule(Rules.KERAS_DANGEROUS_LAYER, Severity.HIGH, "A Keras layer class that the policy denies.",
                    UNTRUSTED),
            rule(Rules.KERAS_CUSTOM_OBJECT, Severity.MEDIUM, "A Keras custom object from a module outside keras.",
                    " Check the module; allow it in a policy file if it is yours and safe."),
            rule(Rules.ONNX_EXTERNAL_DATA_OUTSIDE, Severity.CRITICAL, "ONNX external tensor data would be read from"
                    + " outside the model folder.", " Keep external data files beside the model and name them"
                    + " with relative paths inside its folder."),
            rule(Rules.ONNX_EXTERNAL_DATA_MISSING, Severity.MEDIUM, "An ONNX external data file is missing.",
                    " Ship the external data files with the model."),
            rule(Rules.ONNX_CUSTOM_OP_DOMAIN, Severity.LOW, "An ONNX model uses operators from a custom domain,"
                    + " which need native code to run.", " Check that the custom operator library is trusted."),
            rule(Rules.ZIP_SLIP, Severity.HIGH, "An archive entry's name leads outside the extraction folder"
                    + " (../, absolute or with a drive letter).", UNTRUSTED),
            rule(Rules.ZIP_BOMB, Severity.HIGH, "An archive inflates far beyond its size or has too many entries;"
                    + " reading it stopped.", UNTRUSTED),
            rule(Rules.ZIP_NESTING_TOO_DEEP, Severity.MEDIUM, "Archives are nested deeper than the scan follows.",
                    INCOMPLETE),
            rule(Rules.SAFETENSORS_INVALID, Severity.MEDIUM, "A safetensors file that the reference loader would"
                    + " refuse, or with bytes no tensor covers.", INCOMPLETE),
            rule(Rules.FORMAT_MISMATCH, Severity.HIGH, "A file's name claims a format that its content is not (a"
                    + " pickle named .safetensors, .onnx, .pb, ...; MEDIUM for a zip); loaders that go by content"
                    + " would unpickle it.", UNTRUSTED),
            rule(Rules.ZIP_PREFIXED_DATA, Severity.MEDIUM, "A zip archive follows other data in the file; zip"
                    + " readers that look for the archive's end record open it, so it was scanned as an archive"
                    + " too.", " Check why the archive is prefixed; re-export the model as one plain file."),
            rule(Rules.UNPARSEABLE_FILE, Severity.MEDIUM, "A file in a model format could not be parsed.",
                    INCOMPLETE),
            rule(Rules.UNSUPPORTED_COMPRESSION, Severity.HIGH, "Content compressed with a method the scan does not"
                    + " read (xz, lzma, zstd, lz4), which loaders may still decompress and unpickle.", INCOMPLETE),
            rule(Rules.FILE_TOO_LARGE, Severity.MEDIUM, "A file is larger than the scan parses.", INCOMPLETE),
            rule(Rules.UNREADABLE_FILE, Severity.MEDIUM, "A file could not be read.", INCOMPLETE),
            rule(Rules.SYMLINK_OUTSIDE, Severity.HIGH, "A symbolic link leads outside the scanned folder; it was"
                    + " not followed.", " Replace the link with the file it points to, or remove it."),
            rule(Rules.SYMLINK_BROKEN, Severity.LOW, "A symbolic link points to nothing.", " Remove the link."),
            rule(Rules.SPECIAL_FILE, Severity.LOW, "A device, FIFO or socket in the model folder; it was not"
                    + " read.", " Remove it from the model folder."),
            rule(Rules.FINDINGS_TRUNCATED, Severity.MEDIUM, "A file has more findings than are reported one by"
                    + " one.", " Treat the file as untrusted; the findings shown are the worst ones.")));

    public ScanRule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(help, "help");
    }

    /** Every rule of the scan, in a stable order. */
    public static List<ScanRule> all() {
        return List.copyOf(ALL.values());
    }

    /** The rule with this id, if the scan has one. */
    public static Optional<ScanRule> byId(String id) {
        return Optional.ofNullable(ALL.get(id));
    }

    private static ScanRule rule(String id, Severity severity, String description, String help) {
        return new ScanRule(id, severity, description, help.strip());
    }

    private static Map<String, ScanRule> catalogue(List<ScanRule> rules) {
        Map<String, ScanRule> byId = new LinkedHashMap<>();
        for (ScanRule rule : rules) {
            if (byId.put(rule.id(), rule) != null) {
                throw new IllegalStateException("rule " + rule.id() + " is described twice");
            }
        }
        return java.util.Collections.unmodifiableMap(byId);
    }
}
