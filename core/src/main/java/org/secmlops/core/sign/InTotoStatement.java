package org.secmlops.core.sign;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.secmlops.core.result.Json;
import org.secmlops.core.sign.ModelManifest.Resource;
import org.secmlops.core.sign.ModelManifest.Serialization;
import org.secmlops.core.sign.ModelManifest.ShardName;
import org.secmlops.core.sign.VerificationProblem.Kind;

/**
 * An in-toto Statement v1 with one subject, and the OMS predicate
 * ({@code https://model_signing/signature/v1.0}) as {@code statement.schema.json} and
 * {@code predicate.schema.json} define it.
 *
 * @param subjectName   the subject's name (informational)
 * @param subjectSha256 the subject's SHA-256 digest: the model's root digest
 * @param predicateType the predicate type
 * @param predicate     the predicate
 */
record InTotoStatement(String subjectName, String subjectSha256, String predicateType, JsonNode predicate) {
    static final String STATEMENT_TYPE = "https://in-toto.io/Statement/v1";
    /** The OMS v1.0 predicate type. */
    static final String OMS_PREDICATE_TYPE = "https://model_signing/signature/v1.0";
    /** The deprecated predicate of model_signing v0.2, which this verifier does not read. */
    static final String OMS_V01_PREDICATE_TYPE = "https://model_signing/Digests/v0.1";

    private static final Pattern HEX = Pattern.compile("[0-9a-f]+");
    private static final Set<String> HASH_TYPES = Set.of("sha256", "blake2b", "blake3");

    /** Builds the statement JSON of a manifest, fields in the order of the specification's example. */
    static ObjectNode omsStatement(ModelManifest manifest) {
        ObjectNode predicate = Json.mapper().createObjectNode();
        var resources = predicate.putArray("resources");
        for (Resource resource : manifest.resources()) {
            resources.addObject().put("name", resource.name()).put("algorithm", resource.algorithm())
                    .put("digest", resource.digest());
        }
        Serialization serialization = manifest.serialization();
        ObjectNode parameters = predicate.putObject("serialization");
        parameters.put("method", serialization.method());
        parameters.put("hash_type", serialization.hashType());
        if (serialization.shardSize() != null) {
            parameters.put("shard_size", serialization.shardSize().longValue());
        }
        parameters.put("allow_symlinks", serialization.allowSymlinks());
        if (!serialization.ignorePaths().isEmpty()) {
            var ignore = parameters.putArray("ignore_paths");
            serialization.ignorePaths().forEach(ignore::add);
        }
        return statement(manifest.modelName(), manifest.rootDigest(), OMS_PREDICATE_TYPE, predicate);
    }

    static ObjectNode statement(String subjectName, String sha256, String predicateType, JsonNode predicate) {
        ObjectNode statement = Json.mapper().createObjectNode();
        statement.put("_type", STATEMENT_TYPE);
        ObjectNode subject = statement.putArray("subject").addObject();
        subject.put("name", subjectName);
        subject.putObject("digest").put("sha256", sha256);
        statement.put("predicateType", predicateType);
        statement.set("predicate", predicate);
        return statement;
    }

    /**
     * Parses a DSSE payload as an in-toto Statement v1 with exactly one subject that has a SHA-256 digest.
     *
     * @throws BundleException of kind {@link Kind#INVALID_PAYLOAD}
     */
    static InTotoStatement parse(byte[] payload) throws BundleException {
        JsonNode root;
        try {
            root = Json.mapper().readTree(payload);
        } catch (JacksonException e) {
            throw invalid("the signed payload is not valid JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw invalid("the signed payload cannot be parsed");
        }
        if (root == null || !root.isObject()) {
            throw invalid("the signed payload is not a JSON object");
        }
        onlyFields(root, "statement", Set.of("_type", "subject", "predicateType", "predicate"));
        String type = root.path("_type").asText("");
        if (!STATEMENT_TYPE.equals(type)) {
            throw invalid("the payload's _type is '" + type + "', expected " + STATEMENT_TYPE);
        }
        JsonNode subjects = root.get("subject");
        if (subjects == null || !subjects.isArray() || subjects.size() != 1) {
            throw invalid("the statement must have exactly one subject");
        }
        JsonNode subject = subjects.get(0);
        String name = subject.path("name").isTextual() ? subject.path("name").textValue() : "";
        if (name.isEmpty()) {
            throw invalid("the statement's subject has no name");
        }
        JsonNode digests = subject.get("digest");
        if (digests == null || !digests.isObject() || digests.isEmpty()) {
            throw invalid("the statement's subject has no digest");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = digests.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> digest = it.next();
            if (!digest.getValue().isTextual() || !HEX.matcher(digest.getValue().textValue()).matches()) {
                throw invalid("the subject's " + digest.getKey() + " digest is not lower-case hex");
            }
        }
        String sha256 = digests.path("sha256").asText("");
        if (sha256.length() != 64) {
            throw invalid("the statement's subject has no SHA-256 digest");
        }
        JsonNode predicateType = root.get("predicateType");
        if (predicateType == null || !predicateType.isTextual()) {
            throw invalid("the statement has no predicateType");
        }
        JsonNode predicate = root.get("predicate");
        if (predicate == null || !predicate.isObject()) {
            throw invalid("the statement has no predicate object");
        }
        return new InTotoStatement(name, sha256, predicateType.textValue(), predicate);
    }

    /**
     * Reads the OMS predicate as a manifest and checks it against the predicate schema and the subject.
     *
     * @throws BundleException of kind {@link Kind#INVALID_PAYLOAD}, or {@link Kind#UNSUPPORTED} for a valid
     *                         predicate this verifier cannot check (a hash other than SHA-256)
     */
    ModelManifest omsManifest() throws BundleException {
        if (OMS_V01_PREDICATE_TYPE.equals(predicateType)) {
            throw invalid("predicateType " + predicateType + " is the deprecated model_signing v0.2 format;"
                    + " re-sign the model");
        }
        if (!OMS_PREDICATE_TYPE.equals(predicateType)) {
            throw invalid("predicateType is '" + predicateType + "', expected " + OMS_PREDICATE_TYPE
                    + ": not a model signature");
        }
        onlyFields(predicate, "predicate", Set.of("resources", "serialization"));
        Serialization serialization = serialization(predicate.get("serialization"));
        JsonNode resourceNodes = predicate.get("resources");
        if (resourceNodes == null || !resourceNodes.isArray()) {
            throw invalid("predicate.resources is missing or not an array");
        }
        if (resourceNodes.isEmpty()) {
            throw invalid("predicate.resources is empty: a model has at least one file");
        }
        List<Resource> resources = new ArrayList<>();
        Set<String> names = new HashSet<>();
        String shardAlgorithm = serialization.hashType() + "-sharded-" + serialization.shardSize();
        for (JsonNode node : resourceNodes) {
            if (!node.isObject()) {
                throw invalid("a predicate resource is not an object");
            }
            String name = node.path("name").isTextual() ? node.path("name").textValue() : "";
            String digest = node.path("digest").isTextual() ? node.path("digest").textValue() : "";
            String algorithm = node.path("algorithm").isTextual() ? node.path("algorithm").textValue() : "";
            if (name.isEmpty()) {
                throw invalid("a predicate resource has no name");
            }
            if (!HEX.matcher(digest).matches() || digest.length() % 2 != 0) {
                throw invalid("the digest of resource " + name + " is not lower-case hex");
            }
            // The reference implementation labels shard digests "sha256-sharded-SIZE"; accept that too.
            if (!algorithm.equals(serialization.hashType())
                    && !(serialization.sharded() && algorithm.equals(shardAlgorithm))) {
                throw invalid("resource " + name + " is hashed with '" + algorithm + "' but hash_type is "
                        + serialization.hashType());
            }
            if (!names.add(name)) {
                throw invalid("resource " + name + " is listed twice");
            }
            if (serialization.sharded()) {
                ShardName shard = ShardName.parse(name);
                if (shard == null || shard.end() - shard.start() > serialization.shardSize()) {
                    throw invalid("resource " + name + " is not a shard name path:start:end within shard_size");
                }
            }
            resources.add(new Resource(name, algorithm, digest));
        }
        if (!ModelManifest.SHA256.equals(serialization.hashType())) {
            throw new BundleException(Kind.UNSUPPORTED, "the model was hashed with " + serialization.hashType()
                    + "; this verifier implements sha256 only");
        }
        for (Resource resource : resources) {
            if (resource.digest().length() != 64) {
                throw invalid("the sha256 digest of resource " + resource.name() + " is not 64 hex digits");
            }
        }
        String root = ModelManifest.rootDigest(resources);
        if (!root.equals(subjectSha256)) {
            throw invalid("the statement is inconsistent: the subject digest is " + subjectSha256
                    + " but the resources hash to " + root);
        }
        return new ModelManifest(subjectName, serialization, resources);
    }

    private static Serialization serialization(JsonNode node) throws BundleException {
        if (node == null || !node.isObject()) {
            throw invalid("predicate.serialization is missing or not an object");
        }
        onlyFields(node, "predicate.serialization",
                Set.of("method", "hash_type", "shard_size", "allow_symlinks", "ignore_paths"));
        String method = node.path("method").asText("");
        if (!ModelManifest.FILES.equals(method) && !ModelManifest.SHARDS.equals(method)) {
            throw invalid("serialization.method is '" + method + "', expected files or shards");
        }
        String hashType = node.path("hash_type").asText("");
        if (!HASH_TYPES.contains(hashType)) {
            throw invalid("serialization.hash_type is '" + hashType + "', expected sha256, blake2b or blake3");
        }
        JsonNode allow = node.get("allow_symlinks");
        if (allow == null || !allow.isBoolean()) {
            throw invalid("serialization.allow_symlinks is missing or not a boolean");
        }
        Long shardSize = null;
        JsonNode size = node.get("shard_size");
        if (ModelManifest.SHARDS.equals(method)) {
            // The schema asks for an integer; the reference implementation has written 1000000000.0.
            if (size == null || !size.isNumber() || size.doubleValue() != Math.rint(size.doubleValue())
                    || size.doubleValue() <= 0 || size.doubleValue() > Long.MAX_VALUE / 2.0) {
                throw invalid("serialization.shard_size must be a positive integer for the shards method");
            }
            shardSize = size.longValue();
        } else if (size != null) {
            throw invalid("serialization.shard_size must be absent for the files method");
        }
        List<String> ignorePaths = new ArrayList<>();
        JsonNode ignore = node.get("ignore_paths");
        if (ignore != null) {
            if (!ignore.isArray()) {
                throw invalid("serialization.ignore_paths is not an array");
            }
            for (JsonNode path : ignore) {
                if (!path.isTextual() || path.textValue().isEmpty()) {
                    throw invalid("serialization.ignore_paths holds an entry that is not a non-empty string");
                }
                ignorePaths.add(path.textValue());
            }
        }
        return new Serialization(method, hashType, shardSize, allow.booleanValue(), ignorePaths);
    }

    private static void onlyFields(JsonNode node, String where, Set<String> allowed) throws BundleException {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw invalid("unexpected field " + name + " in " + where);
            }
        }
    }

    private static BundleException invalid(String message) {
        return new BundleException(Kind.INVALID_PAYLOAD, message);
    }
}
