package org.secmlops.core.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Recognises model files that the engines cannot run, before any engine is started or downloaded, and says how
 * to export them into a format that runs: Keras HDF5 and {@code .keras} files, {@code torch.save} checkpoints
 * (state dicts or pickled modules, not TorchScript), frozen graphs, safetensors weights and pickled scikit-learn
 * estimators.
 */
final class ModelFileCheck {
    private static final byte[] HDF5 = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
    private static final String SAVED_MODEL_EXPORT = "export a TensorFlow SavedModel (Keras 3: model.export('model/');"
            + " TensorFlow 2: tf.saved_model.save(model, 'model/')) or ONNX (tf2onnx)";
    private static final String TORCHSCRIPT_EXPORT = "export TorchScript (torch.jit.script(model).save('model.pt') or"
            + " torch.jit.trace(model, example).save('model.pt')) or ONNX (torch.onnx.export(model, example,"
            + " 'model.onnx'))";

    private ModelFileCheck() {
    }

    /**
     * @throws ModelException naming the format found and how to export a runnable one, for files that no engine runs
     */
    static void requireRunnable(Path model) throws ModelException {
        if (!Files.isRegularFile(model)) {
            return;
        }
        String name = model.getFileName().toString().toLowerCase(Locale.ROOT);
        byte[] head = head(model);
        if (startsWith(head, HDF5) || name.endsWith(".h5") || name.endsWith(".hdf5")) {
            throw new ModelException(model + " is a Keras HDF5 model, which the engines cannot run: "
                    + SAVED_MODEL_EXPORT);
        }
        boolean zip = head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
        if (name.endsWith(".keras")) {
            throw new ModelException(model + " is a Keras .keras archive, which the engines cannot run: "
                    + SAVED_MODEL_EXPORT);
        }
        if (name.endsWith(".pt") || name.endsWith(".pth") || name.endsWith(".torchscript")) {
            if (!zip) {
                throw new ModelException(model + " is not TorchScript (a legacy torch.save pickle): "
                        + TORCHSCRIPT_EXPORT);
            }
            if (!isTorchScript(model)) {
                throw new ModelException(model + " is a torch.save checkpoint (a state dict or a pickled module), not"
                        + " TorchScript, so it holds no code the engine can run: " + TORCHSCRIPT_EXPORT);
            }
        }
        if (name.endsWith(".pb") && !name.equals("saved_model.pb")) {
            throw new ModelException(model + " looks like a frozen TensorFlow graph; name a SavedModel directory"
                    + " (with saved_model.pb and variables/): " + SAVED_MODEL_EXPORT);
        }
        if (name.endsWith(".safetensors") || (name.endsWith(".bin") && !zip)) {
            throw new ModelException(model + " holds weights only, no network: " + TORCHSCRIPT_EXPORT + ", or "
                    + SAVED_MODEL_EXPORT);
        }
        if (name.endsWith(".pkl") || name.endsWith(".pickle") || name.endsWith(".joblib")) {
            throw new ModelException(model + " is a pickle (e.g. a scikit-learn estimator), which is never loaded:"
                    + " convert it to ONNX (skl2onnx) and name the .onnx file");
        }
    }

    /** TorchScript archives hold the model's code (a {@code code/} folder) besides its pickled constants. */
    private static boolean isTorchScript(Path model) throws ModelException {
        try (ZipFile zip = new ZipFile(model.toFile())) {
            boolean code = false;
            boolean constants = false;
            for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements();) {
                String entry = entries.nextElement().getName();
                code |= entry.contains("/code/") || entry.startsWith("code/");
                constants |= entry.endsWith("constants.pkl");
            }
            return code && constants;
        } catch (IOException e) {
            throw new ModelException("Cannot read " + model + " as a TorchScript archive: " + e.getMessage(), e);
        }
    }

    private static byte[] head(Path file) throws ModelException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(HDF5.length);
        } catch (IOException e) {
            throw new ModelException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
