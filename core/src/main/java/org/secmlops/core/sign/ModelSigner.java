package org.secmlops.core.sign;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.secmlops.core.capability.sign.EcKeys;
import org.secmlops.core.capability.sign.SignException;
import org.secmlops.core.capability.sign.SigningKey;
import org.secmlops.core.io.PathRefusedException;
import org.secmlops.core.io.SafeOutput;
import org.secmlops.core.result.GateRunResult;
import org.secmlops.core.result.ResultFormatException;
import org.secmlops.core.result.ResultJson;
import org.secmlops.core.sign.ModelManifest.Resource;
import org.secmlops.core.sign.ModelManifest.Serialization;
import org.secmlops.core.sign.ModelManifest.ShardName;
import org.secmlops.core.sign.ModelTree.IgnoreRules;

/**
 * Signs a model in the OpenSSF Model Signing v1.0 format with an ECDSA key (the specification's {@code key}
 * method): hashes every file (or shard) in parallel, writes the in-toto statement with the OMS predicate,
 * signs its DSSE pre-authentication encoding and writes the Sigstore bundle. Optionally signs a second
 * statement with the gate results of the model ({@link GateAttestation}).
 *
 * <pre>{@code
 * SignReport report = new ModelSigner().sign(SignRequest.of(model, model.resolveSibling("model.sig"), key),
 *         log::println);
 * }</pre>
 */
public final class ModelSigner {
    /** Bundles are a few kilobytes; anything much larger is certainly some other file. */
    private static final long MAX_BUNDLE_BYTES = 16L << 20;

    /**
     * Signs the model.
     *
     * @param progress receives progress lines (never key material)
     * @throws SignException if the model, the key, an option or a gate result cannot be used; nothing is
     *                       written then
     */
    public SignReport sign(SignRequest request, Consumer<String> progress) throws SignException {
        Path model = request.model();
        if (!Files.exists(model)) {
            throw new SignException("model path " + model + " does not exist");
        }
        if (!Files.isDirectory(model) && !Files.isRegularFile(model)) {
            throw new SignException("model path " + model + " is neither a file nor a directory");
        }
        if (Files.isRegularFile(model) && sameFile(model, request.signature())) {
            throw new SignException("the signature " + request.signature() + " would overwrite the model");
        }
        SigningKey key = EcKeys.readPrivateKey(request.privateKey(), request.publicKey());
        List<GateRunResult> results = readResults(request.gateResults());
        Path attestation = request.attestation() != null ? request.attestation()
                : GateAttestation.defaultPath(request.signature());
        checkReplaceable(request.signature(), "signature");
        if (!results.isEmpty()) {
            checkReplaceable(attestation, "gate attestation");
        }

        List<String> ignore = new ArrayList<>();
        if (request.ignoreGitPaths()) {
            ignore.addAll(IgnoreRules.GIT_PATHS);
        }
        if (Files.isDirectory(model)) {
            addIfInside(model, request.signature(), ignore);
            if (!results.isEmpty()) {
                addIfInside(model, attestation, ignore);
            }
            for (Path path : request.ignorePaths()) {
                String name = IgnoreRules.relativeName(model, path);
                if (!name.isEmpty()) {
                    ignore.add(name);
                }
            }
        }
        IgnoreRules rules = new IgnoreRules(ignore);
        ModelTree.Listing listing;
        try {
            listing = ModelTree.list(model, rules, Set.of(), false);
        } catch (IOException e) {
            throw new SignException("cannot list model " + model + ": " + e.getMessage(), e);
        }
        if (!listing.unsupported().isEmpty()) {
            throw new SignException("cannot sign " + model + ": " + listing.unsupported().get(0).message()
                    + (listing.unsupported().size() > 1 ? " (and " + (listing.unsupported().size() - 1)
                            + " more)" : ""));
        }
        if (listing.files().isEmpty()) {
            throw new SignException("model " + model + " has no files to sign");
        }

        boolean sharded = switch (request.method()) {
            case FILES -> false;
            case SHARDS -> true;
            case AUTO -> listing.files().stream().anyMatch(file -> file.size() > request.shardSize());
        };
        List<ParallelHasher.Task> tasks = new ArrayList<>();
        long total = 0;
        for (ModelTree.Entry file : listing.files()) {
            total += file.size();
            if (!sharded) {
                tasks.add(new ParallelHasher.Task(file.name(), file.path(), 0, -1));
                continue;
            }
            for (long start = 0; start < file.size(); start += request.shardSize()) {
                long end = Math.min(file.size(), start + request.shardSize());
                tasks.add(new ParallelHasher.Task(ShardName.format(file.name(), start, end), file.path(), start, end));
            }
        }
        progress.accept(String.format(java.util.Locale.ROOT, "signing %d files (%s) of %s as %s%s with %d threads",
                listing.files().size(), ParallelHasher.bytes(total), model, sharded ? "shards" : "files",
                sharded ? " of " + request.shardSize() + " bytes" : "", request.threads()));
        List<ParallelHasher.Outcome> outcomes;
        try {
            outcomes = new ParallelHasher(request.threads()).hash(tasks, total, progress);
        } catch (IOException e) {
            throw new SignException(e.getMessage(), e);
        }

        HexFormat hex = HexFormat.of();
        List<Resource> resources = new ArrayList<>();
        Map<String, Long> hashedBytes = new LinkedHashMap<>();
        for (int i = 0; i < tasks.size(); i++) {
            ParallelHasher.Task task = tasks.get(i);
            ParallelHasher.Outcome outcome = outcomes.get(i);
            if (!outcome.ok()) {
                throw new SignException("cannot sign " + task.file() + ": " + outcome.error());
            }
            resources.add(new Resource(task.label(), ModelManifest.SHA256, hex.formatHex(outcome.sha256())));
            String name = sharded ? ShardName.parse(task.label()).path() : task.label();
            hashedBytes.merge(name, outcome.bytes(), Long::sum);
        }
        resources.sort((a, b) -> ModelManifest.NAME_ORDER.compare(a.name(), b.name()));
        Serialization serialization = new Serialization(sharded ? ModelManifest.SHARDS : ModelManifest.FILES,
                ModelManifest.SHA256, sharded ? request.shardSize() : null, false, rules.paths());
        ModelManifest manifest = new ModelManifest(modelName(model), serialization, resources);

        byte[] payload = IntotoJson.write(InTotoStatement.omsStatement(manifest));
        writeBundle(request.signature(), key, payload);
        progress.accept("wrote signature " + request.signature() + " (" + key.curve().displayName()
                + " key " + key.publicKey().hint() + ", model digest sha256:" + manifest.rootDigest() + ")");

        List<String> attested = new ArrayList<>();
        Path attestationWritten = null;
        if (!results.isEmpty()) {
            var predicate = GateAttestation.predicate(results, request.buildContext(), request.toolVersion(),
                    Instant.now());
            byte[] statement = IntotoJson.write(InTotoStatement.statement(manifest.modelName(),
                    manifest.rootDigest(), GateAttestation.PREDICATE_TYPE, predicate));
            writeBundle(attestation, key, statement);
            results.forEach(result -> attested.add(result.capability()));
            attestationWritten = attestation;
            progress.accept("wrote gate attestation " + attestation + " for " + String.join(", ", attested));
        }

        List<SignReport.SignedFile> files = new ArrayList<>();
        for (ModelTree.Entry file : listing.files()) {
            files.add(new SignReport.SignedFile(file.name(), hashedBytes.getOrDefault(file.name(), file.size())));
        }
        return new SignReport(request.signature(), manifest, files, listing.ignored(), key.curve(),
                key.publicKey().hint(), attestationWritten, attested);
    }

    private static void writeBundle(Path file, SigningKey key, byte[] payload) throws SignException {
        byte[] pae = Dsse.pae(Dsse.IN_TOTO_PAYLOAD_TYPE, payload);
        byte[] signature = key.sign(pae);
        if (!key.publicKey().verify(pae, signature)) {
            throw new IllegalStateException("the signature just made does not verify");
        }
        try {
            writeAtomically(file, SigstoreBundle.write(key.publicKey(), payload, signature));
        } catch (IOException e) {
            throw new SignException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Refuses to write over a file that is not an earlier bundle: re-signing replaces the old signature, but a
     * signature path that names a weight file, a config or any other file of the user's must not destroy it.
     */
    static void checkReplaceable(Path file, String what) throws SignException {
        try {
            SafeOutput.check(file, SIGNATURE_KIND);
        } catch (PathRefusedException e) {
            throw new SignException(e.getMessage() + "", e);
        } catch (IOException e) {
            throw new SignException("cannot check the " + what + " path " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Signature and gate attestation bundles: an earlier one (at most 16 MiB) parses as a Sigstore bundle.
     */
    public static final SafeOutput.Kind SIGNATURE_KIND = new SafeOutput.Kind("Sigstore bundle", (content, size) -> {
        if (size > Math.min(MAX_BUNDLE_BYTES, content.length)) {
            return false;
        }
        try {
            SigstoreBundle.parse(content);
            return true;
        } catch (BundleException | RuntimeException e) {
            return false;
        }
    });

    static void writeAtomically(Path file, byte[] content) throws IOException {
        SafeOutput.write(file, SIGNATURE_KIND, out -> out.write(content));
    }

    private static List<GateRunResult> readResults(List<Path> files) throws SignException {
        List<GateRunResult> results = new ArrayList<>();
        for (Path file : files) {
            try {
                results.add(ResultJson.read(file));
            } catch (ResultFormatException e) {
                throw new SignException("cannot attest gate results: " + e.getMessage(), e);
            }
        }
        return results;
    }

    static void addIfInside(Path model, Path file, List<String> ignore) {
        Path root = model.toAbsolutePath().normalize();
        Path absolute = file.toAbsolutePath().normalize();
        if (absolute.startsWith(root) && !absolute.equals(root)) {
            ignore.add(ModelTree.canonicalName(root.relativize(absolute)));
        }
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.exists(b) ? Files.isSameFile(a, b)
                    : a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
        } catch (IOException e) {
            return false;
        }
    }

    static String modelName(Path model) {
        Path name = model.toAbsolutePath().normalize().getFileName();
        return name == null ? "model" : name.toString();
    }
}
