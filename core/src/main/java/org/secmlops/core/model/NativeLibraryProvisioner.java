package org.secmlops.core.model;

import ai.djl.engine.Engine;
import ai.djl.engine.EngineProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Provides each engine's native libraries to DJL on the agent, without DJL's own downloads.
 *
 * <p>For every engine a jar is pinned by Maven coordinates and SHA-256 ({@link NativeLibraries}). The jar is
 * taken from the local Maven repository if it is there, else downloaded from a Maven repository (Maven Central
 * by default) into the cache folder; its SHA-256 is checked before every use, and a mismatch is an error. The
 * libraries are unpacked once into the cache folder and DJL is pointed at them ({@code TENSORFLOW_LIBRARY_PATH},
 * {@code PYTORCH_LIBRARY_PATH}); ONNX Runtime, whose jar carries its natives, is loaded in its own class
 * loader and registered with DJL. DJL then runs with {@code ai.djl.offline=true}.
 *
 * <p>The settings come from system properties in {@link #fromSystemProperties}: {@code maven.repo.local}
 * (default {@code ~/.m2/repository}), {@code secmlops.maven.repository} (default
 * {@value #MAVEN_CENTRAL}) and {@code secmlops.native.cache} (default {@code ~/.secmlops/native}, or a private folder in the temporary
 * directory where the home folder cannot hold it: {@link NativeCacheLocation}). The cache
 * folder should be writable only by the agent's user.
 *
 * <p>Engines are JVM-wide in DJL, so an engine is provisioned at most once per JVM.
 */
public final class NativeLibraryProvisioner {
    /** The class loader of the ONNX Runtime engine, once provisioned. */
    private static volatile ClassLoader onnxLoader;

    /** The default Maven repository. */
    public static final String MAVEN_CENTRAL = "https://repo1.maven.org/maven2";

    private static final Map<EngineKind, String> PROVISIONED = new EnumMap<>(EngineKind.class);
    private static final String MARKER = ".secmlops-sha256";
    static final String ONNX_DISABLE_ALTERNATIVE = "ai.djl.onnx.disable_alternative";

    private final Path localRepository;
    private final URI remoteRepository;
    private final Path cacheDir;
    private final Consumer<String> progress;

    /**
     * @param localRepository  a Maven local repository to look in first; may not exist
     * @param remoteRepository the base URL of a Maven repository to download from
     * @param cacheDir         where downloads and unpacked libraries are kept
     * @param progress         receives one line per step
     */
    public NativeLibraryProvisioner(Path localRepository, URI remoteRepository, Path cacheDir,
                                    Consumer<String> progress) {
        this.localRepository = Objects.requireNonNull(localRepository, "localRepository");
        this.remoteRepository = Objects.requireNonNull(remoteRepository, "remoteRepository");
        this.cacheDir = Objects.requireNonNull(cacheDir, "cacheDir");
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /** A provisioner configured from system properties (see the class description). */
    public static NativeLibraryProvisioner fromSystemProperties(Consumer<String> progress) {
        Path home = Path.of(System.getProperty("user.home"));
        Path local = Path.of(System.getProperty("maven.repo.local", home.resolve(".m2/repository").toString()));
        URI remote = URI.create(System.getProperty("secmlops.maven.repository", MAVEN_CENTRAL));
        String configured = System.getProperty("secmlops.native.cache");
        Path cache;
        if (configured != null && !configured.isBlank()) {
            cache = Path.of(configured);
        } else {
            try {
                cache = NativeCacheLocation.choose(home, Path.of(System.getProperty("java.io.tmpdir")),
                        System.getProperty("user.name", "user"));
            } catch (IOException e) {
                throw new UncheckedIOException("No folder for the engines' native libraries: " + e.getMessage(), e);
            }
            if (!cache.startsWith(home)) {
                progress.accept("the home folder " + home + " cannot hold the native library cache; using " + cache
                        + " (set SECMLOPS_HOME on the agent to keep it between runs)");
            }
        }
        return new NativeLibraryProvisioner(local, remote, cache, progress);
    }

    /**
     * Makes the engine's native libraries available to DJL; does nothing when this JVM already did.
     *
     * @return a description of what is used, e.g. {@code TensorFlow native 2.16.1 from /home/x/.secmlops/native/...}
     * @throws NativeLibraryException when the platform is not Linux x86-64, or an artifact cannot be found,
     *                                downloaded, verified or unpacked
     */
    public String provision(EngineKind engine) throws NativeLibraryException {
        synchronized (PROVISIONED) {
            String done = PROVISIONED.get(engine);
            if (done != null) {
                return done;
            }
            checkPlatform(engine);
            if (System.getProperty("ai.djl.offline") == null) {
                System.setProperty("ai.djl.offline", "true");
            }
            String description = switch (engine) {
                case TENSORFLOW -> provisionTensorFlow();
                case PYTORCH -> provisionPyTorch();
                case ONNX -> provisionOnnxRuntime();
            };
            PROVISIONED.put(engine, description);
            return description;
        }
    }

    private String provisionTensorFlow() throws NativeLibraryException {
        NativeArtifact artifact = NativeLibraries.TENSORFLOW;
        Path dir = unpacked(artifact, Map.of(artifact, "native/lib/"), "tensorflow-" + artifact.version());
        System.setProperty("TENSORFLOW_LIBRARY_PATH", dir.toString());
        return "TensorFlow native " + artifact.version() + " (" + artifact.artifactId() + ") from " + dir;
    }

    private String provisionPyTorch() throws NativeLibraryException {
        NativeArtifact libtorch = NativeLibraries.PYTORCH;
        NativeArtifact jni = NativeLibraries.PYTORCH_JNI;
        Path dir = unpacked(libtorch, Map.of(libtorch, "pytorch/cpu/linux-x86_64/", jni, "jnilib/linux-x86_64/cpu/"),
                "pytorch-" + libtorch.version() + "-cpu");
        System.setProperty("PYTORCH_LIBRARY_PATH", dir.toString());
        System.setProperty("PYTORCH_VERSION", libtorch.version());
        System.setProperty("PYTORCH_FLAVOR", "cpu");
        return "PyTorch native " + libtorch.version() + " (cpu) from " + dir;
    }

    /**
     * The {@code onnxruntime-java*} folder ONNX Runtime unpacked its native library into in this JVM, or
     * {@code null} when it has not been loaded. ONNX Runtime marks the library files, then the folder, for deletion
     * on exit; the JVM deletes in reverse order, so the folder (not yet empty then) stays behind. The worker deletes
     * it when it exits.
     */
    public static Path onnxRuntimeTemporaryFolder() {
        ClassLoader loader = onnxLoader != null ? onnxLoader : NativeLibraryProvisioner.class.getClassLoader();
        try {
            Class<?> runtime = Class.forName("ai.onnxruntime.OnnxRuntime", false, loader);
            java.lang.reflect.Field field = runtime.getDeclaredField("tempDirectory");
            field.setAccessible(true);
            return field.get(null) instanceof Path path ? path : null;
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return null;
        }
    }

    private String provisionOnnxRuntime() throws NativeLibraryException {
        // DJL's ONNX Runtime engine would otherwise start PyTorch (on the class path) as its "alternative engine"
        // for NDArray operations it lacks; unprovisioned and offline, that fails the first ONNX load of a JVM.
        // SecMLOps only creates and reads tensors on ONNX Runtime, which it does natively.
        if (System.getProperty(ONNX_DISABLE_ALTERNATIVE) == null) {
            System.setProperty(ONNX_DISABLE_ALTERNATIVE, "true");
        }
        Path engineJar = resolve(NativeLibraries.ONNX_ENGINE);
        Path runtimeJar = resolve(NativeLibraries.ONNX_RUNTIME);
        try {
            URLClassLoader loader = new URLClassLoader("secmlops-onnxruntime",
                    new URL[] {engineJar.toUri().toURL(), runtimeJar.toUri().toURL()},
                    NativeLibraryProvisioner.class.getClassLoader());
            EngineProvider provider = (EngineProvider) Class
                    .forName("ai.djl.onnxruntime.engine.OrtEngineProvider", true, loader)
                    .getDeclaredConstructor().newInstance();
            Engine.registerEngine(provider);
            onnxLoader = loader;
        } catch (MalformedURLException | ReflectiveOperationException | LinkageError e) {
            throw new NativeLibraryException("Cannot load the ONNX Runtime engine from " + engineJar + " and "
                    + runtimeJar + ": " + e, e);
        }
        return "ONNX Runtime " + NativeLibraries.ONNX_RUNTIME.version() + " from " + runtimeJar;
    }

    private static void checkPlatform(EngineKind engine) throws NativeLibraryException {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        boolean linux64 = os.startsWith("linux") && (arch.equals("amd64") || arch.equals("x86_64"));
        if (!linux64 && engine != EngineKind.ONNX) {
            throw new NativeLibraryException("The " + engine.djlName() + " native libraries are pinned for Linux x86-64"
                    + " only; this agent is " + os + "/" + arch);
        }
    }

    /**
     * Unpacks the files under each artifact's prefix into one folder of the cache, once; the folder is
     * named after the first artifact's checksum, so a new pin never reuses an old folder.
     */
    private Path unpacked(NativeArtifact main, Map<NativeArtifact, String> prefixes, String name)
            throws NativeLibraryException {
        Path dir = cacheDir.resolve(name + "-" + main.sha256().substring(0, 12));
        String marker = prefixes.keySet().stream().map(NativeArtifact::sha256).sorted()
                .reduce((a, b) -> a + "\n" + b).orElseThrow();
        List<NativeArtifact> ordered = prefixes.keySet().stream()
                .sorted(Comparator.comparing(NativeArtifact::coordinates)).toList();
        Map<NativeArtifact, Path> jars = new java.util.LinkedHashMap<>();
        for (NativeArtifact artifact : ordered) {
            jars.put(artifact, resolve(artifact));
        }
        try {
            if (Files.isRegularFile(dir.resolve(MARKER))
                    && Files.readString(dir.resolve(MARKER), StandardCharsets.US_ASCII).equals(marker)) {
                return dir;
            }
            Files.createDirectories(cacheDir);
            Path tmp = Files.createTempDirectory(cacheDir, name + ".tmp");
            try {
                for (NativeArtifact artifact : ordered) {
                    progress.accept("unpacking " + artifact.coordinates() + " into " + dir);
                    unzip(jars.get(artifact), prefixes.get(artifact), tmp);
                }
                Files.writeString(tmp.resolve(MARKER), marker, StandardCharsets.US_ASCII);
                deleteTree(dir);
                try {
                    Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
                } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException e) {
                    // another worker unpacked it at the same time
                    if (!Files.isRegularFile(dir.resolve(MARKER))) {
                        throw e;
                    }
                }
            } finally {
                deleteTree(tmp);
            }
            return dir;
        } catch (IOException e) {
            throw new NativeLibraryException("Cannot unpack " + main.coordinates() + " into " + dir + ": " + e, e);
        }
    }

    private static void unzip(Path jar, String prefix, Path target) throws IOException {
        boolean any = false;
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(jar))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                String name = entry.getName();
                if (entry.isDirectory() || !name.startsWith(prefix)) {
                    continue;
                }
                String file = name.substring(prefix.length());
                if (file.isEmpty() || file.contains("/") || file.contains("\\") || file.startsWith(".")) {
                    continue;
                }
                Files.copy(zip, target.resolve(file), StandardCopyOption.REPLACE_EXISTING);
                any = true;
            }
        }
        if (!any) {
            throw new IOException("no file under " + prefix + " in " + jar);
        }
    }

    /**
     * Finds the artifact's jar in the local repository or the cache, else downloads it into the cache,
     * and checks its SHA-256.
     *
     * @throws NativeLibraryException when it is nowhere, cannot be downloaded, or its checksum differs
     */
    Path resolve(NativeArtifact artifact) throws NativeLibraryException {
        Path local = localRepository.resolve(artifact.repositoryPath());
        if (Files.isRegularFile(local)) {
            verify(artifact, local);
            return local;
        }
        Path cached = cacheDir.resolve("artifacts").resolve(artifact.repositoryPath());
        if (Files.isRegularFile(cached)) {
            verify(artifact, cached);
            return cached;
        }
        download(artifact, cached);
        return cached;
    }

    private void verify(NativeArtifact artifact, Path jar) throws NativeLibraryException {
        String actual;
        try (InputStream in = Files.newInputStream(jar)) {
            actual = sha256(in);
        } catch (IOException e) {
            throw new NativeLibraryException("Cannot read " + jar + ": " + e, e);
        }
        if (!actual.equals(artifact.sha256())) {
            throw new NativeLibraryException("Checksum mismatch for " + artifact.coordinates() + " at " + jar
                    + ": SHA-256 is " + actual + ", expected " + artifact.sha256()
                    + ". The file is corrupt or was replaced; delete it and run again.");
        }
    }

    private void download(NativeArtifact artifact, Path target) throws NativeLibraryException {
        String base = remoteRepository.toString();
        URI uri = URI.create(base + (base.endsWith("/") ? "" : "/") + artifact.repositoryPath());
        Path tmp = null;
        try {
            Files.createDirectories(target.getParent());
            tmp = Files.createTempFile(target.getParent(), artifact.fileName(), ".part");
            HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                    .connectTimeout(Duration.ofSeconds(30)).build();
            HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(uri).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            String actual;
            long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            try (InputStream body = new DownloadProgress(response.body(), artifact.fileName(), length, progress)) {
                if (response.statusCode() != 200) {
                    throw new NativeLibraryException("Cannot download " + artifact.coordinates() + " from " + uri
                            + ": HTTP " + response.statusCode());
                }
                progress.accept("downloading " + artifact.coordinates() + " (" + DownloadProgress.describe(length)
                        + ", once per agent) from " + uri);
                MessageDigest digest = sha256Digest();
                try (OutputStream out = Files.newOutputStream(tmp);
                     DigestInputStream in = new DigestInputStream(body, digest)) {
                    in.transferTo(out);
                }
                actual = HexFormat.of().formatHex(digest.digest());
            }
            if (!actual.equals(artifact.sha256())) {
                throw new NativeLibraryException("Checksum mismatch for " + artifact.coordinates() + " downloaded from "
                        + uri + ": SHA-256 is " + actual + ", expected " + artifact.sha256() + "; not used.");
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new NativeLibraryException("Cannot download " + artifact.coordinates() + " from " + uri + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NativeLibraryException("Interrupted while downloading " + artifact.coordinates(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort
                }
            }
        }
    }

    private static String sha256(InputStream in) throws IOException {
        MessageDigest digest = sha256Digest();
        byte[] buffer = new byte[1 << 16];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            digest.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java", e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
