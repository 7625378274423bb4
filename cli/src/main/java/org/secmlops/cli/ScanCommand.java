package org.secmlops.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.secmlops.core.capability.scan.ScanCapability;
import org.secmlops.core.scan.ModelScanner;
import org.secmlops.core.scan.ScanException;
import org.secmlops.core.scan.ScanLimits;
import org.secmlops.core.scan.ScanMeasurement;
import org.secmlops.core.scan.ScanPolicy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code secmlops scan PATH --report-dir DIR}: scans model files for code that runs or reads on load. */
@Command(name = "scan", mixinStandardHelpOptions = true,
        description = "Scan a model file or directory for unsafe content (pickle globals, dangerous TensorFlow ops,"
                + " Keras Lambda layers, ONNX external data outside the model, zip slips and bombs). The findings"
                + " are also written as SARIF 2.1.0 (results.sarif).")
final class ScanCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "PATH", description = "Model file or directory to scan.")
    Path path;

    @Option(names = "--policy", paramLabel = "FILE", description = "JSON policy that extends the default allow/deny lists.")
    Path policyFile;

    @Mixin
    GateOptions gateOptions;

    @Override
    public Integer call() throws Exception {
        Progress progress = new Progress(System.out);
        try {
            ScanPolicy policy = policyFile == null ? ScanPolicy.defaults() : ScanPolicy.defaults().extendedWith(policyFile);
            ModelScanner scanner = new ModelScanner(policy, ScanLimits.defaults());
            progress.line("scanning " + path + " (SecMLOps " + Version.current() + ")");
            gateOptions.exportSarif(scannedRoot(path));
            return gateOptions.run(ScanCapability.INSTANCE, path.toString(), progress,
                    gateOptions.plan().input("PATH", path).input("--policy", policyFile),
                    () -> ScanMeasurement.of(scanner.scan(path, progress::line))).code();
        } catch (ScanException e) {
            throw new InputException(e.getMessage(), e);
        }
    }

    /** The folder the findings' paths are relative to: the scanned folder, or the scanned file's folder. */
    static Path scannedRoot(Path path) {
        if (Files.isDirectory(path)) {
            return path;
        }
        Path parent = path.getParent();
        return parent == null ? Path.of("") : parent;
    }
}
