package org.secmlops.core.model;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A TorchScript or ONNX model loaded through DJL and run as a DJL block. Gradients come from DJL's
 * {@link GradientCollector} on PyTorch; ONNX Runtime has none.
 */
final class DjlBlockModel implements ThreadedModel {
    private final EngineKind engine;
    private final Model model;
    private final String engineName;
    private final String inputName;
    private final String outputName;
    private final List<Integer> requestedShape;
    private int[] sampleShape;
    private EngineThreads threads = EngineThreads.UNKNOWN;
    /** The last batch's input, reused by {@link #predict} (the class is not thread-safe). */
    private ByteBuffer inputBuffer;

    private DjlBlockModel(EngineKind engine, Model model, String engineName, String inputName, String outputName,
                          List<Integer> requestedShape) {
        this.engine = engine;
        this.model = model;
        this.engineName = engineName;
        this.inputName = inputName;
        this.outputName = outputName;
        this.requestedShape = requestedShape;
    }

    /**
     * Loads the model file on the device with {@code intraOp} intra-op threads: ONNX Runtime's session options
     * (and one inter-op thread), PyTorch's process-wide {@code at::set_num_threads}.
     */
    static DjlBlockModel load(EngineKind engine, Path file, ModelSpec spec, Device device, String engineName,
            int intraOp) throws ModelException {
        Model model = Model.newInstance("secmlops-model", device, engine.djlName());
        try {
            Path absolute = file.toAbsolutePath();
            String input;
            if (engine == EngineKind.PYTORCH) {
                // Loaded outside inference mode so that autograd can pass through the weights; the weights stay
                // frozen and the module in eval mode.
                JniUtils.setNumThreads(intraOp);
                model.load(absolute.getParent(), absolute.getFileName().toString(), Map.of("trainParam", "true"));
                PtSymbolBlock block = (PtSymbolBlock) model.getBlock();
                block.freezeParameters(true);
                JniUtils.enableInferenceMode(block);
                input = spec.inputName() == null ? "input" : spec.inputName();
            } else {
                model.load(absolute.getParent(), absolute.getFileName().toString(),
                        Map.of("intraOpNumThreads", Integer.toString(intraOp), "interOpNumThreads", "1"));
                input = onnxInput(model, spec.inputName());
            }
            String output = spec.outputName() == null ? "output 0" : spec.outputName();
            return new DjlBlockModel(engine, model, engineName, input, output, spec.sampleShape());
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw new ModelException("Cannot load " + file + " with " + engine.djlName() + ": " + e.getMessage(), e);
        }
    }

    private static String onnxInput(Model model, String requested) throws ModelException {
        PairList<String, Shape> inputs = model.getBlock().describeInput();
        List<String> names = inputs.keys();
        if (requested != null) {
            if (!names.contains(requested)) {
                throw new ModelException("The model has no input '" + requested + "'; it has " + names);
            }
            return requested;
        }
        if (names.size() != 1) {
            throw new ModelException("The model has inputs " + names + "; choose one");
        }
        return names.get(0);
    }

    @Override
    public EngineKind engine() {
        return engine;
    }

    @Override
    public String engineName() {
        return engineName;
    }

    @Override
    public String device() {
        return model.getNDManager().getDevice().toString();
    }

    @Override
    public EngineThreads threads() {
        return threads;
    }

    /** Records the configuration; for PyTorch also sets its (process-wide) intra-op threads to it. */
    @Override
    public void threads(EngineThreads value) {
        if (engine == EngineKind.PYTORCH) {
            JniUtils.setNumThreads(value.intraOp());
        }
        threads = value;
    }

    /** Sets PyTorch's process-wide intra-op threads (for a calibration trial). */
    void trialThreads(int intraOp) {
        JniUtils.setNumThreads(intraOp);
    }

    @Override
    public String inputName() {
        return inputName;
    }

    @Override
    public String outputName() {
        return outputName;
    }

    @Override
    public int[] sampleShape() {
        return sampleShape == null ? null : sampleShape.clone();
    }

    @Override
    public float[][] predict(float[][] batch) throws ModelException {
        inputBuffer = Batches.direct(inputBuffer, batch);
        fixShape(batch[0].length);
        try (NDManager manager = model.getNDManager().newSubManager()) {
            // The input may share inputBuffer (ONNX Runtime, PyTorch); it is closed with the manager before the
            // buffer is filled again.
            NDArray x = manager.create(inputBuffer, Batches.shape(batch.length, sampleShape), DataType.FLOAT32);
            if (engine == EngineKind.ONNX) {
                x.setName(inputName);
            }
            NDList outputs = model.getBlock().forward(new ParameterStore(manager, false), new NDList(x), false);
            return Batches.rows(output(outputs).toFloatArray(), batch.length);
        } catch (RuntimeException e) {
            throw EngineFailure.of(engine.djlName(), sampleShape, e);
        }
    }

    @Override
    public boolean supportsGradients() {
        return engine == EngineKind.PYTORCH;
    }

    @Override
    public float[][] inputGradient(float[][] batch, int[] labels) throws ModelException {
        return outputsAndGradient(batch, labels).gradient();
    }

    @Override
    public OutputsAndGradient outputsAndGradient(float[][] batch, int[] labels) throws ModelException {
        if (!supportsGradients()) {
            throw new UnsupportedOperationException(engine.djlName() + " computes no gradients");
        }
        float[] flat = Batches.flatten(batch);
        fixShape(batch[0].length);
        if (labels.length != batch.length) {
            throw new ModelException(labels.length + " labels for " + batch.length + " samples");
        }
        try (NDManager manager = model.getNDManager().newSubManager();
             GradientCollector collector = manager.getEngine().newGradientCollector()) {
            NDList inputs = input(manager, flat, batch.length);
            NDArray x = inputs.head();
            x.setRequiresGradient(true);
            // Autograd on, the module stays in inference (eval) mode.
            NDArray logits = output(IValueUtils.forward((PtSymbolBlock) model.getBlock(), inputs, true));
            long classes = logits.getShape().get(1);
            for (int label : labels) {
                if (label < 0 || label >= classes) {
                    throw new ModelException("Label " + label + " is outside the model's " + classes + " outputs");
                }
            }
            NDArray oneHot = manager.create(labels).oneHot((int) classes);
            NDArray loss = logits.logSoftmax(1).mul(oneHot).sum().neg();
            float[][] outputs = Batches.rows(logits.toFloatArray(), batch.length);
            collector.backward(loss);
            return new OutputsAndGradient(outputs, Batches.rows(x.getGradient().toFloatArray(), batch.length));
        } catch (RuntimeException e) {
            throw new ModelException("PyTorch failed to compute the input gradient: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean supportsVectorJacobian() {
        return engine == EngineKind.PYTORCH;
    }

    @Override
    public OutputsAndGradient vectorJacobian(float[][] batch, UpstreamGradient upstream) throws ModelException {
        if (!supportsVectorJacobian()) {
            throw new UnsupportedOperationException(engine.djlName() + " computes no vector-Jacobian products");
        }
        float[] flat = Batches.flatten(batch);
        fixShape(batch[0].length);
        try (NDManager manager = model.getNDManager().newSubManager();
             GradientCollector collector = manager.getEngine().newGradientCollector()) {
            NDList inputs = input(manager, flat, batch.length);
            NDArray x = inputs.head();
            x.setRequiresGradient(true);
            NDArray y = output(IValueUtils.forward((PtSymbolBlock) model.getBlock(), inputs, true));
            float[][] outputs = Batches.rows(y.toFloatArray(), batch.length);
            float[][] u = upstream.of(outputs);
            Batches.requireSameWidths(u, outputs);
            NDArray seed = manager.create(Batches.flatten(u), y.getShape());
            collector.backward(y.mul(seed).sum());
            return new OutputsAndGradient(outputs, Batches.rows(x.getGradient().toFloatArray(), batch.length));
        } catch (RuntimeException e) {
            throw new ModelException("PyTorch failed to compute the vector-Jacobian product: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean supportsSignSteps() {
        return engine == EngineKind.PYTORCH;
    }

    @Override
    public SignSteps signSteps(float[][] start, float[][] low, float[][] high, float[][] clean, int[] labels,
            float step) throws ModelException {
        if (!supportsSignSteps()) {
            throw new UnsupportedOperationException(engine.djlName() + " cannot run attack steps inside the engine");
        }
        fixShape(Batches.width(start));
        Batches.checkSignSteps(start, low, high, clean, labels, step);
        try {
            return new PtSignSteps(this, (PtSymbolBlock) model.getBlock(), model.getNDManager(), sampleShape, start,
                    low, high, clean, labels, step);
        } catch (RuntimeException e) {
            throw new ModelException("PyTorch cannot hold the attack's tensors: " + e.getMessage(), e);
        }
    }

    private NDList input(NDManager manager, float[] flat, int rows) {
        NDArray x = manager.create(flat, Batches.shape(rows, sampleShape));
        if (engine == EngineKind.ONNX) {
            x.setName(inputName);
        }
        return new NDList(x);
    }

    NDArray output(NDList outputs) throws ModelException {
        if (outputs.isEmpty()) {
            throw new ModelException("The model returned no output");
        }
        if (outputName.equals("output 0")) {
            return outputs.head();
        }
        NDArray named = outputs.get(outputName);
        if (named == null) {
            StringBuilder names = new StringBuilder();
            for (NDArray array : outputs) {
                names.append(names.length() == 0 ? "" : ", ").append(array.getName());
            }
            throw new ModelException("The model has no output '" + outputName + "'; it has " + names);
        }
        return named;
    }

    private void fixShape(int rowLength) throws ModelException {
        if (sampleShape == null) {
            sampleShape = SampleShapes.resolve(null, requestedShape, rowLength);
        } else if (java.util.Arrays.stream(sampleShape).asLongStream().reduce(1, (a, b) -> a * b) != rowLength) {
            throw new ModelException("Samples have " + rowLength + " values, earlier ones had shape "
                    + java.util.Arrays.toString(sampleShape));
        }
    }

    @Override
    public void close() {
        model.close();
    }
}
