package org.secmlops.core.model;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.tensorflow.engine.TfSymbolBlock;
import ai.djl.tensorflow.engine.javacpp.JavacppUtils;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.PointerScope;
import org.tensorflow.internal.c_api.TF_Graph;
import org.tensorflow.internal.c_api.TF_Operation;
import org.tensorflow.internal.c_api.TF_OperationDescription;
import org.tensorflow.internal.c_api.TF_Output;
import org.tensorflow.internal.c_api.TF_Session;
import org.tensorflow.internal.c_api.TF_Status;
import org.tensorflow.internal.c_api.TF_Tensor;
import org.tensorflow.internal.c_api.global.tensorflow;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;
import org.tensorflow.proto.TensorShapeProto;

/**
 * A TensorFlow SavedModel loaded through DJL's TensorFlow engine. Inference and gradients run the loaded graph
 * through the TensorFlow C API; the gradient ops are added to the graph once ({@code TF_AddGradients}) and
 * reused.
 */
final class TfSavedModel implements ThreadedModel {
    private static final String DEFAULT_SIGNATURE = "serving_default";
    private static final String GRADIENT_PREFIX = "secmlops_input_gradient";
    private static final String STEP_PREFIX = "secmlops_linf_step";
    private static final String VJP_PREFIX = "secmlops_vjp";
    private static final String INTER_OP = "ai.djl.tensorflow.num_interop_threads";
    private static final String INTRA_OP = "ai.djl.tensorflow.num_intraop_threads";

    private final Model model;
    private EngineThreads threads = EngineThreads.UNKNOWN;
    private final TF_Graph graph;
    private final TF_Session session;
    private final String engineName;
    private final String inputName;
    private final String outputName;
    private final TF_Operation inputOp;
    private final int inputIndex;
    private final TF_Operation outputOp;
    private final int outputIndex;
    private final long[] declaredShape;
    private final List<Integer> requestedShape;
    private int[] sampleShape;
    private final String embeddingName;
    private final TF_Operation embeddingOp;
    private final int embeddingIndex;
    private final String inlineFailure;
    private final int signatureClasses;
    private final String description;
    private TF_Operation labelsOp;
    private int classes;
    private TF_Operation gradientOp;
    private int gradientIndex;
    private TF_Operation[] stepFeeds;
    private TF_Operation nextOp;
    private int nextIndex;
    private TfSessionRun forwardRun;
    private TfSessionRun gradientRun;
    private TF_Operation seedOp;
    private TF_Operation vjpOp;
    private int vjpIndex;
    private TfSessionRun vjpRun;

    private TfSavedModel(Model model, String engineName, TfSymbolBlock block, TensorInfo input, TensorInfo output,
                         List<Integer> requestedShape) throws ModelException {
        this.model = model;
        this.engineName = engineName;
        this.graph = block.getSavedModelBundle().getGraph();
        this.session = block.getSavedModelBundle().getSession();
        this.inputName = input.getName();
        this.outputName = output.getName();
        GraphDef graphDef = block.getSavedModelBundle().getMetaGraphDef().getGraphDef();
        String computed = outputName;
        String notInlined = null;
        try {
            var inlined = TfFunctionInliner.inline(graph, graphDef, outputName);
            if (inlined.isPresent()) {
                computed = inlined.get().output();
                graphDef = graphDef.toBuilder().addAllNode(inlined.get().nodes().getNodeList()).build();
            }
        } catch (ModelException e) {
            notInlined = e.getMessage();
        }
        this.inlineFailure = notInlined;
        TensorShapeProto outputShape = output.getTensorShape();
        this.signatureClasses = outputShape.getUnknownRank() || outputShape.getDimCount() != 2 ? -1
                : (int) outputShape.getDim(1).getSize();
        this.description = description(input, output, signatureClasses, computed, notInlined);
        var in = JavacppUtils.getGraphOperationByName(graph, inputName);
        var out = JavacppUtils.getGraphOperationByName(graph, computed);
        this.inputOp = in.getKey();
        this.inputIndex = in.getValue();
        this.outputOp = out.getKey();
        this.outputIndex = out.getValue();
        this.requestedShape = requestedShape;
        TensorShapeProto shape = input.getTensorShape();
        this.declaredShape = shape.getUnknownRank() || shape.getDimCount() < 2 ? null
                : shape.getDimList().stream().skip(1).mapToLong(TensorShapeProto.Dim::getSize).toArray();
        checkFloat(inputOp, inputIndex, "input " + inputName);
        checkFloat(outputOp, outputIndex, "output " + outputName);
        String penultimate = PenultimateTensor.find(graphDef, computed).orElse(null);
        var embedding = penultimate == null ? null : operation(graph, penultimate);
        boolean usable = embedding != null && isFloat(embedding.getKey(), embedding.getValue());
        this.embeddingName = usable ? penultimate : null;
        this.embeddingOp = usable ? embedding.getKey() : null;
        this.embeddingIndex = usable ? embedding.getValue() : 0;
    }

    private static String description(TensorInfo input, TensorInfo output, int classes, String computed,
            String notInlined) {
        StringBuilder text = new StringBuilder("signature input ").append(input.getName()).append(' ')
                .append(dims(input.getTensorShape())).append(", output ").append(output.getName()).append(' ')
                .append(dims(output.getTensorShape()));
        if (classes > 0) {
            text.append(" (").append(classes).append(" classes)");
        }
        if (!computed.equals(output.getName())) {
            text.append("; its function copied into the graph as ").append(computed);
        }
        if (notInlined != null) {
            text.append("; its function could not be copied into the graph, so no gradients: ").append(notInlined);
        }
        return text.toString();
    }

    private static String dims(TensorShapeProto shape) {
        return shape.getUnknownRank() ? "[?]" : shape.getDimList().stream().map(d -> Long.toString(d.getSize()))
                .collect(java.util.stream.Collectors.joining(", ", "[", "]"));
    }

    /**
     * The signature's input and output with their shapes and class count, and whether the function behind the
     * output was copied into the graph (TensorFlow 2 SavedModels).
     */
    String describe() {
        return description;
    }

    /**
     * Loads the SavedModel at {@code dir} on the device with the signature, input and output of the spec, its session
     * using {@code intraOp} intra-op threads (unless {@value #INTRA_OP} is set).
     */
    static TfSavedModel load(Path dir, ModelSpec spec, Device device, String engineName, int intraOp)
            throws ModelException {
        Model model = Model.newInstance("secmlops-model", device, EngineKind.TENSORFLOW.djlName());
        try {
            String signatureKey = spec.signature() == null ? DEFAULT_SIGNATURE : spec.signature();
            model.load(dir, null, Map.of("Tags", "serve", "SignatureDefKey", signatureKey, "ConfigProto",
                    sessionConfig(intraOp)));
            TfSymbolBlock block = (TfSymbolBlock) model.getBlock();
            SignatureDef signature = signature(block.getSavedModelBundle().getMetaGraphDef(), spec.signature());
            TensorInfo input = pick(signature.getInputsMap(), spec.inputName(), "input");
            TensorInfo output = pick(signature.getOutputsMap(), spec.outputName(), "output");
            return new TfSavedModel(model, engineName, block, input, output, spec.sampleShape());
        } catch (ModelException e) {
            model.close();
            throw e;
        } catch (IOException | ai.djl.MalformedModelException | RuntimeException e) {
            model.close();
            throw new ModelException("Cannot load the SavedModel " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * The session's configuration: as DJL's (soft placement; thread counts from {@value #INTER_OP} and
     * {@value #INTRA_OP} when set), except that by default the graph's ops run in the calling thread
     * ({@code inter_op_parallelism_threads = -1}; each op still uses the intra-op pool). Attacks call the model
     * thousands of times with a little Java work in between; handing every call to a pool thread that has gone to
     * sleep in the meantime tripled the engine time per call of small models, and the per-sample models here have
     * no parallel branches to gain from an inter-op pool. The intra-op threads are {@code intraOp} unless
     * {@value #INTRA_OP} is set; 0 lets TensorFlow take one per core.
     */
    static ConfigProto sessionConfig(int intraOp) {
        return ConfigProto.newBuilder()
                .setInterOpParallelismThreads(Integer.getInteger(INTER_OP, -1))
                .setIntraOpParallelismThreads(Integer.getInteger(INTRA_OP, intraOp))
                .setAllowSoftPlacement(true)
                .build();
    }

    private static SignatureDef signature(MetaGraphDef meta, String requested) throws ModelException {
        Map<String, SignatureDef> signatures = meta.getSignatureDefMap();
        if (requested != null) {
            SignatureDef found = signatures.get(requested);
            if (found == null) {
                throw new ModelException("The SavedModel has no signature '" + requested + "'; it has "
                        + sorted(signatures.keySet()));
            }
            return found;
        }
        if (signatures.containsKey(DEFAULT_SIGNATURE)) {
            return signatures.get(DEFAULT_SIGNATURE);
        }
        if (signatures.size() == 1) {
            return signatures.values().iterator().next();
        }
        throw new ModelException("The SavedModel has no '" + DEFAULT_SIGNATURE + "' signature; choose one of "
                + sorted(signatures.keySet()));
    }

    private static TensorInfo pick(Map<String, TensorInfo> tensors, String requested, String what)
            throws ModelException {
        List<String> keys = sorted(tensors.keySet());
        if (requested != null) {
            for (String key : keys) {
                if (key.equals(requested) || tensors.get(key).getName().equals(requested)) {
                    return tensors.get(key);
                }
            }
            throw new ModelException("The signature has no " + what + " '" + requested + "'; it has " + keys);
        }
        if (keys.isEmpty()) {
            throw new ModelException("The signature has no " + what);
        }
        if (keys.size() > 1 && what.equals("input")) {
            throw new ModelException("The signature has several inputs " + keys + "; choose one");
        }
        return tensors.get(keys.get(0));
    }

    private static List<String> sorted(java.util.Collection<String> names) {
        List<String> list = new ArrayList<>(names);
        Collections.sort(list);
        return list;
    }

    /** The operation and output index of a tensor name, or {@code null} when the graph has no such tensor. */
    private static ai.djl.util.Pair<TF_Operation, Integer> operation(TF_Graph graph, String tensor) {
        try {
            var found = JavacppUtils.getGraphOperationByName(graph, tensor);
            return found.getKey() == null || found.getKey().isNull() ? null : found;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static void checkFloat(TF_Operation op, int index, String what) throws ModelException {
        if (!isFloat(op, index)) {
            throw new ModelException("The " + what + " is not float32");
        }
    }

    private static boolean isFloat(TF_Operation op, int index) {
        try (PointerScope ignored = new PointerScope()) {
            return tensorflow.TF_OperationOutputType(new TF_Output(1).oper(op).index(index)) == TfTensors.TF_FLOAT;
        }
    }

    @Override
    public EngineKind engine() {
        return EngineKind.TENSORFLOW;
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

    @Override
    public void threads(EngineThreads value) {
        threads = value;
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
        fixShape(Batches.width(batch));
        try (TF_Tensor x = TfTensors.floats(batch, sampleShape)) {
            return outputs(x, batch.length);
        }
    }

    @Override
    public String embeddingName() {
        return embeddingName;
    }

    @Override
    public OutputsAndEmbedding predictWithEmbedding(float[][] batch) throws ModelException {
        if (embeddingOp == null) {
            return ThreadedModel.super.predictWithEmbedding(batch);
        }
        if (embeddingName.equals(inputName)) {
            float[][] inputs = new float[batch.length][];
            for (int i = 0; i < batch.length; i++) {
                inputs[i] = batch[i].clone();
            }
            return new OutputsAndEmbedding(predict(batch), inputs);
        }
        fixShape(Batches.width(batch));
        try (TF_Tensor x = TfTensors.floats(batch, sampleShape)) {
            try (TfSessionRun call = new TfSessionRun(session, new TF_Operation[] {inputOp}, new int[] {inputIndex},
                    new TF_Operation[] {outputOp, embeddingOp}, new int[] {outputIndex, embeddingIndex})) {
                float[][][] results = run(call, new TF_Tensor[] {x}, batch.length);
                return new OutputsAndEmbedding(results[0], results[1]);
            }
        } catch (RuntimeException e) {
            throw EngineFailure.of("TensorFlow", sampleShape(), e);
        }
    }

    @Override
    public boolean supportsGradients() {
        return true;
    }

    @Override
    public float[][] inputGradient(float[][] batch, int[] labels) throws ModelException {
        return outputsAndGradient(batch, labels).gradient();
    }

    /**
     * One session run: the logits, the cross-entropy's gradient with respect to them (softmax minus one-hot, by
     * {@code SparseSoftmaxCrossEntropyWithLogits} in the graph) and that gradient carried back to the input, so
     * the forward pass is computed once.
     */
    @Override
    public OutputsAndGradient outputsAndGradient(float[][] batch, int[] labels) throws ModelException {
        fixShape(Batches.width(batch));
        if (labels.length != batch.length) {
            throw new ModelException(labels.length + " labels for " + batch.length + " samples");
        }
        addGradientOps();
        checkLabels(labels);
        try (TF_Tensor x = TfTensors.floats(batch, sampleShape); TF_Tensor y = TfTensors.ints(labels)) {
            if (gradientRun == null) {
                gradientRun = new TfSessionRun(session, new TF_Operation[] {inputOp, labelsOp},
                        new int[] {inputIndex, 0}, new TF_Operation[] {outputOp, gradientOp},
                        new int[] {outputIndex, gradientIndex});
            }
            float[][][] results = run(gradientRun, new TF_Tensor[] {x, y}, batch.length);
            return new OutputsAndGradient(results[0], results[1]);
        } catch (RuntimeException e) {
            throw new ModelException("TensorFlow failed to compute the input gradient: " + e.getMessage(), e);
        }
    }

    private void checkLabels(int[] labels) throws ModelException {
        for (int label : labels) {
            if (label < 0 || (classes > 0 && label >= classes)) {
                throw new ModelException("Label " + label + " is outside the model's " + classes + " outputs");
            }
        }
    }

    /**
     * Adds, once: a label placeholder, the per-sample cross-entropy of the output taken as logits, and the
     * gradient of the output with respect to the input seeded with the cross-entropy's logit gradient.
     */
    private void addGradientOps() throws ModelException {
        if (gradientOp != null) {
            return;
        }
        if (inlineFailure != null) {
            throw new ModelException("TensorFlow cannot differentiate the model: its output comes out of a function"
                    + " call, whose gradient TensorFlow does not compute when the function reads resource variables,"
                    + " and the function could not be copied into the graph: " + inlineFailure);
        }
        try (PointerScope ignored = new PointerScope()) {
            TF_Status status = TF_Status.newStatus();
            TF_Output logits = new TF_Output(1).oper(outputOp).index(outputIndex);
            long[] outputShape = staticShape(logits, status);
            if (outputShape != null && outputShape.length != 2) {
                throw new ModelException("The output " + outputName + " has shape " + java.util.Arrays.toString(
                        outputShape) + "; gradients need logits of shape [batch, classes]");
            }
            TF_OperationDescription placeholder = tensorflow.TF_NewOperation(graph, "Placeholder",
                    GRADIENT_PREFIX + "_labels");
            tensorflow.TF_SetAttrType(placeholder, "dtype", TfTensors.TF_INT32);
            TF_Operation labels = tensorflow.TF_FinishOperation(placeholder, status);
            status.throwExceptionIfNotOK();
            TF_OperationDescription loss = tensorflow.TF_NewOperation(graph, "SparseSoftmaxCrossEntropyWithLogits",
                    GRADIENT_PREFIX + "_cross_entropy");
            tensorflow.TF_AddInput(loss, logits);
            tensorflow.TF_AddInput(loss, new TF_Output(1).oper(labels).index(0));
            TF_Operation crossEntropy = tensorflow.TF_FinishOperation(loss, status);
            status.throwExceptionIfNotOK();
            TF_Output x = new TF_Output(1).oper(inputOp).index(inputIndex);
            TF_Output seed = new TF_Output(1).oper(crossEntropy).index(1);
            TF_Output dy = new TF_Output(1);
            tensorflow.TF_AddGradientsWithPrefix(graph, GRADIENT_PREFIX, logits, 1, x, 1, seed, status, dy);
            status.throwExceptionIfNotOK();
            if (dy.oper() == null || dy.oper().isNull()) {
                throw new ModelException("The model's output does not depend on its input " + inputName);
            }
            classes = outputShape != null && outputShape[1] > 0 ? (int) outputShape[1] : signatureClasses;
            labelsOp = labels;
            gradientOp = dy.oper();
            gradientIndex = dy.index();
        } catch (RuntimeException e) {
            throw new ModelException("TensorFlow cannot differentiate the model: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean supportsVectorJacobian() {
        return true;
    }

    /**
     * Two session runs: the outputs, then (with the upstream computed from them) the gradient of
     * {@code sum(output ⊙ upstream)} carried back to the input by the gradient ops added once with the upstream as
     * their seed ({@code grad_ys} of {@code TF_AddGradients}).
     */
    @Override
    public OutputsAndGradient vectorJacobian(float[][] batch, UpstreamGradient upstream) throws ModelException {
        fixShape(Batches.width(batch));
        addVectorJacobianOps();
        try (TF_Tensor x = TfTensors.floats(batch, sampleShape)) {
            if (forwardRun == null) {
                forwardRun = new TfSessionRun(session, new TF_Operation[] {inputOp}, new int[] {inputIndex},
                        new TF_Operation[] {outputOp}, new int[] {outputIndex});
            }
            TF_Tensor[] forward = forwardRun.run(new TF_Tensor[] {x});
            float[][] outputs;
            int[] outputShape;
            try {
                outputShape = new int[tensorflow.TF_NumDims(forward[0]) - 1];
                for (int d = 0; d < outputShape.length; d++) {
                    outputShape[d] = (int) tensorflow.TF_Dim(forward[0], d + 1);
                }
                outputs = TfTensors.rows(forward[0], batch.length);
            } finally {
                forward[0].close();
            }
            float[][] u = upstream.of(outputs);
            Batches.requireSameWidths(u, outputs);
            try (TF_Tensor seed = TfTensors.floats(u, outputShape)) {
                if (vjpRun == null) {
                    vjpRun = new TfSessionRun(session, new TF_Operation[] {inputOp, seedOp},
                            new int[] {inputIndex, 0}, new TF_Operation[] {vjpOp}, new int[] {vjpIndex});
                }
                return new OutputsAndGradient(outputs, run(vjpRun, new TF_Tensor[] {x, seed}, batch.length)[0]);
            }
        } catch (RuntimeException e) {
            throw new ModelException("TensorFlow failed to compute the vector-Jacobian product: " + e.getMessage(), e);
        }
    }

    /** Adds, once: a float placeholder for the upstream and the output's gradient to the input seeded with it. */
    private void addVectorJacobianOps() throws ModelException {
        if (vjpOp != null) {
            return;
        }
        if (inlineFailure != null) {
            throw new ModelException("TensorFlow cannot differentiate the model: its function could not be copied"
                    + " into the graph: " + inlineFailure);
        }
        try (PointerScope ignored = new PointerScope()) {
            TF_Status status = TF_Status.newStatus();
            TF_Output seed = new TfOps(graph, VJP_PREFIX, status).placeholder("seed", TfTensors.TF_FLOAT);
            TF_Output y = new TF_Output(1).oper(outputOp).index(outputIndex);
            TF_Output x = new TF_Output(1).oper(inputOp).index(inputIndex);
            TF_Output dx = new TF_Output(1);
            tensorflow.TF_AddGradientsWithPrefix(graph, VJP_PREFIX + "_gradient", y, 1, x, 1, seed, status, dx);
            status.throwExceptionIfNotOK();
            if (dx.oper() == null || dx.oper().isNull()) {
                throw new ModelException("The model's output does not depend on its input " + inputName);
            }
            seedOp = seed.oper();
            vjpOp = dx.oper();
            vjpIndex = dx.index();
        } catch (RuntimeException e) {
            throw new ModelException("TensorFlow cannot differentiate the model: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean supportsSignSteps() {
        return true;
    }

    @Override
    public SignSteps signSteps(float[][] start, float[][] low, float[][] high, float[][] clean, int[] labels,
            float step) throws ModelException {
        fixShape(Batches.width(start));
        Batches.checkSignSteps(start, low, high, clean, labels, step);
        addGradientOps();
        checkLabels(labels);
        addSignStepOps();
        TF_Tensor[] tensors = new TF_Tensor[6];
        try {
            tensors[0] = TfTensors.floats(start, sampleShape);
            tensors[1] = TfTensors.ints(labels);
            tensors[2] = TfTensors.floats(low, sampleShape);
            tensors[3] = TfTensors.floats(high, sampleShape);
            tensors[4] = TfTensors.floats(clean, sampleShape);
            tensors[5] = TfTensors.scalar(step);
            return new TfSignSteps(this, stepRun(), tensors, start.length);
        } catch (ModelException | RuntimeException e) {
            for (TF_Tensor tensor : tensors) {
                if (tensor != null) {
                    tensor.close();
                }
            }
            throw e;
        }
    }

    /**
     * Adds, once, after the gradient ops: placeholders for the lower and upper bounds, the clean samples and the
     * step, and {@code SelectV2(IsNan(g), clean, ClipByValue(x + Sign(g) · step, low, high))}, in float32 (the
     * callers' bounds have {@code low <= high}, where clipping equals {@code min(max(v, low), high)}).
     */
    private void addSignStepOps() throws ModelException {
        if (nextOp != null) {
            return;
        }
        try (PointerScope ignored = new PointerScope()) {
            TfOps ops = new TfOps(graph, STEP_PREFIX, TF_Status.newStatus());
            TF_Output low = ops.placeholder("low", TfTensors.TF_FLOAT);
            TF_Output high = ops.placeholder("high", TfTensors.TF_FLOAT);
            TF_Output clean = ops.placeholder("clean", TfTensors.TF_FLOAT);
            TF_Output step = ops.placeholder("size", TfTensors.TF_FLOAT);
            TF_Output gradient = TfOps.output(gradientOp, gradientIndex);
            TF_Output x = TfOps.output(inputOp, inputIndex);
            TF_Output moved = ops.binary("AddV2", "sum", x, ops.binary("Mul", "delta", ops.unary("Sign", "sign",
                    gradient), step));
            TF_Output clipped = ops.ternary("ClipByValue", "clipped", moved, low, high);
            TF_Output next = ops.select("next", ops.unary("IsNan", "undefined", gradient), clean, clipped);
            stepFeeds = new TF_Operation[] {inputOp, labelsOp, low.oper(), high.oper(), clean.oper(), step.oper()};
            nextOp = next.oper();
            nextIndex = next.index();
        } catch (RuntimeException e) {
            throw new ModelException("TensorFlow cannot add the attack step to the graph: " + e.getMessage(), e);
        }
    }

    /**
     * A reusable session run of the sign step: feeds (iterate, labels, low, high, clean, step), fetches
     * {outputs, next}; the caller closes it.
     */
    TfSessionRun stepRun() {
        return new TfSessionRun(session, stepFeeds, new int[] {inputIndex, 0, 0, 0, 0, 0},
                new TF_Operation[] {outputOp, nextOp}, new int[] {outputIndex, nextIndex});
    }

    /** The outputs of the samples in {@code x}. */
    float[][] outputs(TF_Tensor x, int rows) throws ModelException {
        try {
            if (forwardRun == null) {
                forwardRun = new TfSessionRun(session, new TF_Operation[] {inputOp}, new int[] {inputIndex},
                        new TF_Operation[] {outputOp}, new int[] {outputIndex});
            }
            return run(forwardRun, new TF_Tensor[] {x}, rows)[0];
        } catch (RuntimeException e) {
            throw EngineFailure.of("TensorFlow", sampleShape(), e);
        }
    }

    /** The output's static shape (-1 for unknown sizes), or {@code null} when even its rank is unknown. */
    private long[] staticShape(TF_Output output, TF_Status status) {
        int rank = tensorflow.TF_GraphGetTensorNumDims(graph, output, status);
        status.throwExceptionIfNotOK();
        if (rank < 0) {
            return null;
        }
        long[] dims = new long[rank];
        tensorflow.TF_GraphGetTensorShape(graph, output, dims, rank, status);
        status.throwExceptionIfNotOK();
        return dims;
    }

    private static float[][][] run(TfSessionRun call, TF_Tensor[] feeds, int rows) throws ModelException {
        TF_Tensor[] results = call.run(feeds);
        try {
            float[][][] values = new float[results.length][][];
            for (int i = 0; i < results.length; i++) {
                values[i] = TfTensors.rows(results[i], rows);
            }
            return values;
        } finally {
            for (TF_Tensor result : results) {
                result.close();
            }
        }
    }

    private void fixShape(int rowLength) throws ModelException {
        if (sampleShape == null) {
            sampleShape = SampleShapes.resolve(declaredShape, requestedShape, rowLength);
        } else if (java.util.Arrays.stream(sampleShape).asLongStream().reduce(1, (a, b) -> a * b) != rowLength) {
            throw new ModelException("Samples have " + rowLength + " values, earlier ones had shape "
                    + java.util.Arrays.toString(sampleShape));
        }
    }

    @Override
    public void close() {
        if (forwardRun != null) {
            forwardRun.close();
        }
        if (gradientRun != null) {
            gradientRun.close();
        }
        if (vjpRun != null) {
            vjpRun.close();
        }
        model.close();
    }
}
