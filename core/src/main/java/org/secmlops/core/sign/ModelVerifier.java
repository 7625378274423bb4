package org.secmlops.core.sign;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.secmlops.core.capability.sign.EcKeys;
import org.secmlops.core.capability.sign.SignException;
import org.secmlops.core.capability.sign.VerificationKey;
import org.secmlops.core.sign.ModelManifest.Resource;
import org.secmlops.core.sign.ModelManifest.ShardName;
import org.secmlops.core.sign.ModelTree.IgnoreRules;
import org.secmlops.core.sign.VerificationProblem.Kind;

/**
 * Verifies a model against an OpenSSF Model Signing v1.0 bundle signed with an ECDSA key: checks the bundle's
 * structure, that it names the given key, the DSSE signature, the statement, and then every file: changed,
 * missing and extra files are reported one by one. Reads bundles of the reference implementation from v0.3.1
 * on ({@code publicKey.rawBytes} or {@code publicKey.hint}).
 *
 * <p>A signature that does not verify is a {@link VerifyReport} with problems, never an exception.
 */
public final class ModelVerifier {
    private static final long MAX_BUNDLE = 256L << 20;

    /**
     * Verifies the model.
     *
     * @throws SignException if the model path is missing or the public key cannot be read (input errors)
     */
    public VerifyReport verify(VerifyRequest request, Consumer<String> progress) throws SignException {
        Path model = request.model();
        if (!Files.exists(model)) {
            throw new SignException("model path " + model + " does not exist");
        }
        if (!Files.isDirectory(model) && !Files.isRegularFile(model)) {
            throw new SignException("model path " + model + " is neither a file nor a directory");
        }
        VerificationKey key = EcKeys.readPublicKey(request.publicKey());
        Path attestation = request.gatesAttestation() != null ? request.gatesAttestation()
                : GateAttestation.defaultPath(request.signature());
        progress.accept("verifying " + model + " against " + request.signature() + " with "
                + key.curve().displayName() + " key " + key.hint());

        String[] bundleKey = {""};
        ModelManifest manifest;
        try {
            manifest = checkBundle(readBundle(request.signature()), key, bundleKey);
        } catch (BundleException e) {
            progress.accept("signature not valid: " + e.getMessage());
            return invalidSignature(request, key, bundleKey[0], attestation,
                    new VerificationProblem(e.kind(), "", e.getMessage()));
        }
        progress.accept("signature valid (" + manifest.serialization().method() + ", "
                + manifest.resources().size() + " resources, model digest sha256:" + manifest.rootDigest() + ")");

        List<String> ignore = new ArrayList<>(IgnoreRules.GIT_PATHS);
        ignore.addAll(manifest.serialization().ignorePaths());
        if (Files.isDirectory(model)) {
            ModelSigner.addIfInside(model, request.signature(), ignore);
            ModelSigner.addIfInside(model, attestation, ignore);
            for (Path path : request.ignorePaths()) {
                String name = IgnoreRules.relativeName(model, path);
                if (!name.isEmpty()) {
                    ignore.add(name);
                }
            }
        }
        Map<String, List<Resource>> expected = new LinkedHashMap<>();
        for (Resource resource : manifest.resources()) {
            expected.computeIfAbsent(manifest.filePath(resource), path -> new ArrayList<>()).add(resource);
        }
        ModelTree.Listing listing = list(model, new IgnoreRules(ignore), expected.keySet(),
                manifest.serialization().allowSymlinks());
        List<ModelTree.Entry> files = singleFileAlias(model, listing.files(), expected.keySet());

        Map<String, VerificationProblem> fileProblems = new TreeMap<>(ModelManifest.NAME_ORDER);
        for (VerificationProblem problem : listing.unsupported()) {
            fileProblems.putIfAbsent(problem.path(), problem);
        }
        List<String> extraAllowed = new ArrayList<>();
        Map<String, ModelTree.Entry> local = new LinkedHashMap<>();
        for (ModelTree.Entry file : files) {
            if (expected.containsKey(file.name())) {
                local.put(file.name(), file);
            } else if (manifest.serialization().sharded() && file.size() == 0) {
                // The shards method leaves empty files out of the manifest.
                continue;
            } else if (request.allowExtraFiles()) {
                extraAllowed.add(file.name());
            } else {
                fileProblems.put(file.name(), new VerificationProblem(Kind.EXTRA_FILE, file.name(),
                        file.name() + " is not signed (an extra file; allow with --allow-extra-files or"
                                + " --ignore-paths)"));
            }
        }

        List<ParallelHasher.Task> tasks = new ArrayList<>();
        List<Resource> taskResources = new ArrayList<>();
        long total = 0;
        for (Map.Entry<String, List<Resource>> entry : expected.entrySet()) {
            String path = entry.getKey();
            ModelTree.Entry file = local.get(path);
            if (file == null) {
                if (!fileProblems.containsKey(path)) {
                    fileProblems.put(path, new VerificationProblem(Kind.MISSING_FILE, path,
                            path + " is signed but missing from the model"));
                }
                continue;
            }
            if (!manifest.serialization().sharded()) {
                Resource resource = entry.getValue().get(0);
                tasks.add(new ParallelHasher.Task(path, file.path(), 0, -1));
                taskResources.add(resource);
                total += file.size();
                continue;
            }
            long signedSize = 0;
            Set<String> signedShards = new LinkedHashSet<>();
            for (Resource resource : entry.getValue()) {
                ShardName shard = ShardName.parse(resource.name());
                signedSize = Math.max(signedSize, shard.end());
                signedShards.add(resource.name());
            }
            Set<String> localShards = new LinkedHashSet<>();
            long shardSize = manifest.serialization().shardSize();
            for (long start = 0; start < file.size(); start += shardSize) {
                localShards.add(ShardName.format(path, start, Math.min(file.size(), start + shardSize)));
            }
            if (!localShards.equals(signedShards)) {
                fileProblems.put(path, new VerificationProblem(Kind.CHANGED_FILE, path, path + " has changed: "
                        + (file.size() != signedSize ? "it has " + file.size() + " bytes, signed with " + signedSize
                                : "its shards differ from the signed shards")));
                continue;
            }
            for (Resource resource : entry.getValue()) {
                ShardName shard = ShardName.parse(resource.name());
                tasks.add(new ParallelHasher.Task(resource.name(), file.path(), shard.start(), shard.end()));
                taskResources.add(resource);
                total += shard.end() - shard.start();
            }
        }

        List<ParallelHasher.Outcome> outcomes;
        try {
            outcomes = new ParallelHasher(request.threads()).hash(tasks, total, progress);
        } catch (IOException e) {
            throw new SignException(e.getMessage(), e);
        }
        HexFormat hex = HexFormat.of();
        long bytesVerified = 0;
        for (int i = 0; i < tasks.size(); i++) {
            ParallelHasher.Outcome outcome = outcomes.get(i);
            Resource resource = taskResources.get(i);
            String path = manifest.filePath(resource);
            bytesVerified += outcome.bytes();
            if (fileProblems.containsKey(path)) {
                continue;
            }
            if (!outcome.ok()) {
                fileProblems.put(path, new VerificationProblem(Kind.UNREADABLE_FILE, path,
                        path + ": " + outcome.error()));
            } else if (!hex.formatHex(outcome.sha256()).equals(resource.digest())) {
                String where = manifest.serialization().sharded() ? " (bytes " + resource.name()
                        .substring(path.length() + 1).replace(':', '-') + ")" : "";
                fileProblems.put(path, new VerificationProblem(Kind.CHANGED_FILE, path, path
                        + " has changed: its sha256 is " + hex.formatHex(outcome.sha256()) + where
                        + ", signed " + resource.digest()));
            }
        }
        int verified = 0;
        for (String path : expected.keySet()) {
            if (!fileProblems.containsKey(path)) {
                verified++;
            }
        }
        List<VerificationProblem> problems = new ArrayList<>(fileProblems.values());
        GateAttestation.Check gates = GateAttestation.check(readOptional(attestation), attestation.toString(), key,
                manifest.rootDigest(), request.requiredGates());
        problems.addAll(gates.problems());
        for (VerificationProblem problem : problems) {
            progress.accept(problem.kind() + ": " + problem.message());
        }
        progress.accept(String.format(Locale.ROOT, "%d of %d signed files verified, %d failed", verified,
                expected.size(), fileProblems.size()));
        return new VerifyReport(request.signature(), key.hint(), bundleKey[0], true, manifest, verified,
                fileProblems.size(), bytesVerified, extraAllowed, listing.ignored(), problems,
                request.requiredGates(), gates.attested(), gates.failed());
    }

    /** The report of a signature that is missing, malformed, for another key, or does not verify. */
    private VerifyReport invalidSignature(VerifyRequest request, VerificationKey key, String bundleKey,
            Path attestation, VerificationProblem problem) {
        List<String> ignore = new ArrayList<>(IgnoreRules.GIT_PATHS);
        if (Files.isDirectory(request.model())) {
            ModelSigner.addIfInside(request.model(), request.signature(), ignore);
            ModelSigner.addIfInside(request.model(), attestation, ignore);
        }
        ModelTree.Listing listing = list(request.model(), new IgnoreRules(ignore), Set.of(), false);
        int files = Math.max(1, listing.files().size() + listing.unsupported().size());
        List<VerificationProblem> problems = new ArrayList<>(List.of(problem));
        GateAttestation.Check gates = GateAttestation.check(null, attestation.toString(), key, null,
                request.requiredGates());
        problems.addAll(gates.problems());
        return new VerifyReport(request.signature(), key.hint(), bundleKey, false, null, 0, files, 0, List.of(),
                listing.ignored(), problems, request.requiredGates(), gates.attested(), gates.failed());
    }

    private static ModelTree.Listing list(Path model, IgnoreRules rules, Set<String> keep, boolean followSymlinks) {
        try {
            return ModelTree.list(model, rules, keep, followSymlinks);
        } catch (IOException e) {
            return new ModelTree.Listing(List.of(), List.of(), List.of(new VerificationProblem(Kind.UNREADABLE_FILE,
                    "", "cannot list the model: " + e.getClass().getSimpleName() + " " + e.getMessage())));
        }
    }

    /**
     * A single-file model's resource is named {@code .} by the reference implementation and by its basename in
     * the specification's text; accept both.
     */
    private static List<ModelTree.Entry> singleFileAlias(Path model, List<ModelTree.Entry> files,
            Set<String> expected) {
        if (Files.isDirectory(model) || files.size() != 1 || expected.contains(ModelTree.SINGLE_FILE)) {
            return files;
        }
        String basename = ModelSigner.modelName(model);
        if (expected.size() == 1 && expected.contains(basename)) {
            ModelTree.Entry only = files.get(0);
            return List.of(new ModelTree.Entry(basename, only.path(), only.size()));
        }
        return files;
    }

    private static byte[] readBundle(Path signature) throws BundleException {
        try {
            if (Files.exists(signature) && !Files.isRegularFile(signature)) {
                throw new BundleException(Kind.MALFORMED_BUNDLE, "the signature file " + signature
                        + " is not a regular file (a folder, device, FIFO or socket)");
            }
            if (Files.size(signature) > MAX_BUNDLE) {
                throw new BundleException(Kind.MALFORMED_BUNDLE, "the signature file " + signature
                        + " is larger than 256 MiB");
            }
            return org.secmlops.core.io.InputFiles.readBounded(signature, MAX_BUNDLE, "the signature file");
        } catch (NoSuchFileException e) {
            throw new BundleException(Kind.MISSING_SIGNATURE, "there is no signature file " + signature
                    + ": the model is not signed");
        } catch (IOException e) {
            throw new BundleException(Kind.MISSING_SIGNATURE, "cannot read the signature file " + signature + ": "
                    + e.getClass().getSimpleName() + " " + e.getMessage());
        }
    }

    private static byte[] readOptional(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                return Files.exists(file) ? new byte[0] : null;
            }
            return Files.size(file) > MAX_BUNDLE ? new byte[0]
                    : org.secmlops.core.io.InputFiles.readBounded(file, MAX_BUNDLE, "the gate attestation");
        } catch (IOException e) {
            return null;
        }
    }

    /** Checks the bundle against the key and returns its verified manifest. */
    static ModelManifest checkBundle(byte[] content, VerificationKey key, String[] bundleKey) throws BundleException {
        SigstoreBundle bundle = SigstoreBundle.parse(content);
        if (!SigstoreBundle.KEY.equals(bundle.method())) {
            throw new BundleException(Kind.UNSUPPORTED, "the bundle uses the " + bundle.method() + " signing"
                    + " method; this verifier checks key-based signatures (verificationMaterial.publicKey)");
        }
        if (bundle.keyHint() != null) {
            bundleKey[0] = "hint";
            if (!bundle.keyHint().equals(key.hint())) {
                throw new BundleException(Kind.WRONG_KEY, "wrong key: the bundle was signed by the key with hint "
                        + bundle.keyHint() + ", not by the given public key (hint " + key.hint() + ")");
            }
        } else {
            bundleKey[0] = "rawBytes";
            VerificationKey embedded;
            try {
                embedded = EcKeys.parsePublicKeyPem(bundle.keyRawPem(), "the bundle's publicKey.rawBytes");
            } catch (SignException e) {
                throw new BundleException(Kind.MALFORMED_BUNDLE, e.getMessage());
            }
            if (!embedded.sameKeyAs(key)) {
                throw new BundleException(Kind.WRONG_KEY, "wrong key: the bundle was signed by the key with hint "
                        + embedded.hint() + ", not by the given public key (hint " + key.hint() + ")");
            }
        }
        if (!anySignatureVerifies(bundle, key)) {
            throw new BundleException(Kind.BAD_SIGNATURE, "bad signature: the DSSE signature does not verify with"
                    + " the " + key.curve().displayName() + " public key (the bundle was altered)");
        }
        return InTotoStatement.parse(bundle.payload()).omsManifest();
    }

    static boolean anySignatureVerifies(SigstoreBundle bundle, VerificationKey key) {
        byte[] pae = Dsse.pae(bundle.payloadType(), bundle.payload());
        for (byte[] signature : bundle.signatures()) {
            if (key.verify(pae, signature)) {
                return true;
            }
        }
        return false;
    }
}
