package org.secmlops.core.scan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.secmlops.core.capability.scan.Severity;

/**
 * The allow/deny policy the scanner applies. Immutable.
 *
 * <p>It has three sections:
 * <ul>
 *   <li><b>pickle</b>: globals a pickle may import, written {@code module.name} (for example
 *       {@code os.system}) or {@code module.*}, which matches every name in that module and its
 *       submodules. A denied global is reported as {@code PICKLE_DANGEROUS_GLOBAL} with its
 *       severity; an allowed one is not reported; anything else is {@code PICKLE_UNKNOWN_GLOBAL},
 *       {@link Severity#HIGH} when the pickle calls it and {@link Severity#MEDIUM} otherwise. An
 *       exact entry decides alone. Dotted names are resolved attribute by attribute, and any denied
 *       module or callable the chain reaches is reported even under a wildcard allow, so
 *       {@code mypkg.*} never lets {@code mypkg.helpers.os.system} through (details in
 *       {@link PickleGlobalJudge}). Between wildcards the most specific wins: {@code a.b.*} beats
 *       {@code a.*}. The built-in allow list names exact callables only.</li>
 *   <li><b>savedModelOps</b>: TensorFlow op types (for example {@code WriteFile}) reported as
 *       {@code SAVEDMODEL_DANGEROUS_OP} with their severity.</li>
 *   <li><b>kerasLayers</b>: Keras layer class names (for example {@code Lambda}) reported as
 *       {@code KERAS_LAMBDA_LAYER} / {@code KERAS_DANGEROUS_LAYER}; the allow list holds class names,
 *       or module patterns such as {@code mypkg.*}, that are trusted custom objects.</li>
 * </ul>
 *
 * <p>A user policy file, read by {@link #extendedWith(Path)}, is JSON of this shape (every part
 * optional; severities are {@code CRITICAL}, {@code HIGH}, {@code MEDIUM} or {@code LOW}, any case):
 * <pre>{@code
 * {
 *   "pickle":        { "allow": ["mypkg.*", "os.system"], "deny": { "numpy.load": "CRITICAL" } },
 *   "savedModelOps": { "allow": ["PrintV2"],            "deny": { "DecodeProtoV2": "LOW" } },
 *   "kerasLayers":   { "allow": ["mypkg.layers.*"],     "deny": { "Lambda": "HIGH" } }
 * }
 * }</pre>
 * A user entry replaces the default entry with the same key; when a key is both allowed and
 * denied in the same file the denial wins. Unknown sections or keys, wrong types, empty or
 * misplaced wildcards and unknown severities are rejected with a {@link ScanException}.
 */
public final class ScanPolicy {

    /** What the policy says about one key: {@code severity == null} means allowed. */
    record Decision(String pattern, Severity severity, String reason) {
        boolean allowed() {
            return severity == null;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> SECTIONS = Set.of("pickle", "savedModelOps", "kerasLayers");
    private static final Set<String> SECTION_KEYS = Set.of("allow", "deny");
    private static final ScanPolicy DEFAULTS = new ScanPolicy(
            DefaultPolicy.pickle(), DefaultPolicy.savedModelOps(), DefaultPolicy.kerasLayers());

    private final Map<String, Decision> pickle;
    private final Map<String, Decision> savedModelOps;
    private final Map<String, Decision> kerasLayers;

    private ScanPolicy(Map<String, Decision> pickle, Map<String, Decision> savedModelOps,
                       Map<String, Decision> kerasLayers) {
        this.pickle = Collections.unmodifiableMap(new LinkedHashMap<>(pickle));
        this.savedModelOps = Collections.unmodifiableMap(new LinkedHashMap<>(savedModelOps));
        this.kerasLayers = Collections.unmodifiableMap(new LinkedHashMap<>(kerasLayers));
    }

    /** @return the built-in policy */
    public static ScanPolicy defaults() {
        return DEFAULTS;
    }

    /**
     * Returns this policy with the entries of a user JSON policy file laid over it (format in the
     * class description).
     *
     * @param jsonFile the policy file
     * @return the combined policy
     * @throws ScanException when the file cannot be read or is not a valid policy
     */
    public ScanPolicy extendedWith(Path jsonFile) throws ScanException {
        Objects.requireNonNull(jsonFile, "jsonFile");
        JsonNode root;
        try {
            root = JSON.readTree(Files.readAllBytes(jsonFile));
        } catch (JsonProcessingException e) {
            throw new ScanException("Policy file " + jsonFile + " is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ScanException("Cannot read policy file " + jsonFile + ": " + e, e);
        }
        if (root == null || !root.isObject()) {
            throw new ScanException("Policy file " + jsonFile + " must hold a JSON object");
        }
        Map<String, Decision> newPickle = new LinkedHashMap<>(pickle);
        Map<String, Decision> newOps = new LinkedHashMap<>(savedModelOps);
        Map<String, Decision> newKeras = new LinkedHashMap<>(kerasLayers);
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> section = it.next();
            if (!SECTIONS.contains(section.getKey())) {
                throw new ScanException("Policy file " + jsonFile + ": unknown section '" + section.getKey()
                        + "' (expected pickle, savedModelOps or kerasLayers)");
            }
            Map<String, Decision> target = switch (section.getKey()) {
                case "pickle" -> newPickle;
                case "savedModelOps" -> newOps;
                default -> newKeras;
            };
            merge(jsonFile, section.getKey(), section.getValue(), target, !"savedModelOps".equals(section.getKey()));
        }
        return new ScanPolicy(newPickle, newOps, newKeras);
    }

    private static void merge(Path file, String name, JsonNode section, Map<String, Decision> target,
                              boolean wildcards) throws ScanException {
        String where = "Policy file " + file + ": " + name;
        if (!section.isObject()) {
            throw new ScanException(where + " must be an object with 'allow' and/or 'deny'");
        }
        for (Iterator<String> it = section.fieldNames(); it.hasNext();) {
            String key = it.next();
            if (!SECTION_KEYS.contains(key)) {
                throw new ScanException(where + ": unknown key '" + key + "' (expected allow or deny)");
            }
        }
        JsonNode allow = section.get("allow");
        if (allow != null) {
            if (!allow.isArray()) {
                throw new ScanException(where + ".allow must be an array of strings");
            }
            for (JsonNode entry : allow) {
                if (!entry.isTextual()) {
                    throw new ScanException(where + ".allow must hold only strings, found " + entry);
                }
                String pattern = checkPattern(where + ".allow", entry.asText(), wildcards);
                target.put(pattern, new Decision(pattern, null, "allowed by the user policy"));
            }
        }
        JsonNode deny = section.get("deny");
        if (deny != null) {
            if (!deny.isObject()) {
                throw new ScanException(where + ".deny must be an object mapping names to severities");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = deny.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> entry = it.next();
                String pattern = checkPattern(where + ".deny", entry.getKey(), wildcards);
                JsonNode value = entry.getValue();
                Severity severity = value.isTextual() ? parseSeverity(value.asText()) : null;
                if (severity == null) {
                    throw new ScanException(where + ".deny['" + pattern + "'] has invalid severity " + value
                            + " (expected one of CRITICAL, HIGH, MEDIUM, LOW)");
                }
                Decision old = target.get(pattern);
                String reason = old != null && old.severity() != null ? old.reason() : "denied by the user policy";
                target.put(pattern, new Decision(pattern, severity, reason));
            }
        }
    }

    private static String checkPattern(String where, String pattern, boolean wildcards) throws ScanException {
        String p = pattern.trim();
        if (p.isEmpty()) {
            throw new ScanException(where + " holds an empty name");
        }
        int star = p.indexOf('*');
        if (star >= 0) {
            boolean trailing = star == p.length() - 1 && p.endsWith(".*") && p.length() > 2;
            if (!wildcards || !trailing) {
                throw new ScanException(where + " holds '" + p + "': a wildcard may only end a pattern, as in 'module.*'"
                        + (wildcards ? "" : ", and op names take no wildcard"));
            }
        }
        return p;
    }

    private static Severity parseSeverity(String text) {
        try {
            return Severity.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Judges a pickle global as an unpickler would resolve it (see {@link PickleGlobalJudge}).
     *
     * @param module the module an unpickler imports
     * @param name   the attribute, possibly dotted (protocol 4 resolves each part in turn)
     * @return the decision, or {@code null} when the global is unknown
     */
    Decision pickleGlobal(String module, String name) {
        return PickleGlobalJudge.judge(pickle, module, name);
    }

    /** @return the decision for a TensorFlow op type, or {@code null} when it is not listed */
    Decision savedModelOp(String op) {
        return savedModelOps.get(op);
    }

    /** @return the decision for a Keras class name, or {@code null} when it is not listed */
    Decision kerasLayer(String className) {
        return kerasLayers.get(className);
    }

    /** @return the decision for a Keras custom object's qualified name or module, or {@code null} */
    Decision kerasQualified(String qualifiedName) {
        return lookupQualified(kerasLayers, qualifiedName);
    }

    /** @return the decision of the most specific pattern matching {@code full}, or {@code null} */
    static Decision lookupQualified(Map<String, Decision> map, String full) {
        Decision exact = map.get(full);
        if (exact != null) {
            return exact;
        }
        int dot = full.lastIndexOf('.');
        while (dot > 0) {
            Decision d = map.get(full.substring(0, dot) + ".*");
            if (d != null) {
                return d;
            }
            dot = full.lastIndexOf('.', dot - 1);
        }
        return null;
    }

    @Override
    public String toString() {
        return "ScanPolicy[pickle=" + pickle.size() + " entries, savedModelOps=" + savedModelOps.size()
                + " entries, kerasLayers=" + kerasLayers.size() + " entries]";
    }
}
