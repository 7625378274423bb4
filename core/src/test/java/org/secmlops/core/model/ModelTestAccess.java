package org.secmlops.core.model;

import java.io.IOException;
import java.nio.file.Path;

/** Gives tests in other packages the digits data and the digits MLP fixtures. */
public final class ModelTestAccess {
    private ModelTestAccess() {
    }

    /** Digits {@code from..to-1}, pixels scaled to 0..1 (64 values each). */
    public static float[][] digits(int from, int to) {
        return Digits.load().rows(from, to);
    }

    /** Their labels 0..9. */
    public static int[] digitLabels(int from, int to) {
        return Digits.load().labels(from, to);
    }

    /** Writes the committed digits MLP as a SavedModel (input {@code [-1, 64]}, 10 logits). */
    public static Path digitsMlpSavedModel(Path dir) throws IOException {
        return SavedModels.writeMlp(dir, DigitsMlp.committed());
    }

    /**
     * Writes the Fashion-MNIST benchmark CNN (conv 3×3×8, ReLU, max-pool 2×2, dense 1352-10; fixed random weights)
     * as a SavedModel taking 28×28×1 samples.
     */
    public static Path fashionCnnSavedModel(Path dir) throws IOException {
        return new FashionNets().writeSavedModel(FashionNets.Net.CNN, dir);
    }

    /** Writes the same Fashion-MNIST benchmark CNN as ONNX (samples 28×28×1). */
    public static Path fashionCnnOnnx(Path file) throws IOException {
        return new FashionNets().writeOnnx(FashionNets.Net.CNN, file);
    }

    /**
     * Writes the same Fashion-MNIST benchmark CNN as TorchScript (samples [1, 28, 28]) with Debian's
     * {@code python3-torch}, or returns {@code null} when that is not installed.
     */
    public static Path fashionCnnTorchScript(Path dir) throws IOException, InterruptedException {
        return new FashionNets().writeTorchScript(FashionNets.Net.CNN, dir);
    }

    /** Writes a CIFAR-sized CNN (two 3×3 convolutions with 32 and 64 filters, dense 4096-10) as a SavedModel. */
    public static Path cifarCnnSavedModel(Path dir) throws IOException {
        return ConvSavedModels.cifarCnn(dir);
    }

    /** Writes a digits CNN (3×3 convolutions with 16 and 32 filters, max-pool, dense 512-10) as a SavedModel. */
    public static Path digitsCnnSavedModel(Path dir) throws IOException {
        return ConvSavedModels.digitsCnn(dir);
    }

    /** Writes a CIFAR-sized residual network (8 layers, three stages of 16, 32 and 64 filters) as a SavedModel. */
    public static Path cifarResNetSavedModel(Path dir) throws IOException {
        return ConvSavedModels.cifarResNet(dir);
    }

    /**
     * Writes the committed digits MLP as TensorFlow 2 writes SavedModels: resource variables restored from a
     * checkpoint written by TensorFlow, a {@code serving_default} signature calling {@code StatefulPartitionedCall}.
     */
    public static Path digitsMlpTf2SavedModel(Path dir) throws IOException {
        return Tf2SavedModels.writeDigitsMlp(dir, DigitsMlp.committed());
    }

    /** Writes the Fashion-MNIST benchmark CNN as TensorFlow 2 writes SavedModels (samples 28×28×1). */
    public static Path fashionCnnTf2SavedModel(Path dir) throws IOException {
        return Tf2SavedModels.writeFashionCnn(dir, new FashionNets());
    }

    /** Writes the committed digits MLP as ONNX. */
    public static Path digitsMlpOnnx(Path file) throws IOException {
        return OnnxModels.writeMlp(file, DigitsMlp.committed());
    }

    /** The committed MLP's weights {@code {w1 [64 x 16], b1, w2 [16 x 10], b2}}, row-major. */
    public static float[][] digitsMlpWeights() {
        DigitsMlp mlp = DigitsMlp.committed();
        return new float[][] {mlp.w1.clone(), mlp.b1.clone(), mlp.w2.clone(), mlp.b2.clone()};
    }

    /** The committed MLP's logits for one sample, computed in Java. */
    public static float[] digitsMlpLogits(float[] x) {
        return DigitsMlp.committed().logits(x);
    }

    /** The committed digits MLP as TorchScript ({@code digits-mlp.pt}, made once with python3-torch). */
    public static Path digitsMlpTorchScript() {
        return Path.of("src/test/resources/org/secmlops/core/model/digits-mlp.pt");
    }

    /** The accuracy of the committed MLP's weights, computed in Java, on the first {@code count} digits. */
    public static double digitsMlpAccuracy(int count) {
        float[][] x = digits(0, count);
        int[] y = digitLabels(0, count);
        int correct = 0;
        for (int i = 0; i < count; i++) {
            float[] logits = digitsMlpLogits(x[i]);
            int best = 0;
            for (int c = 1; c < logits.length; c++) {
                best = logits[c] > logits[best] ? c : best;
            }
            correct += best == y[i] ? 1 : 0;
        }
        return (double) correct / count;
    }
}
