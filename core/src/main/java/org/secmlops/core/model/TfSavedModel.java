package org.secmlops.core.model;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.tensorflow.engine.TfNDArray;
import ai.djl.tensorflow.engine.TfSymbolBlock;
import ai.djl.tensorflow.engine.javacpp.JavacppUtils;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
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
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;
import org.tensorflow.proto.TensorShapeProto;

/**
 * A TensorFlow SavedModel loaded through DJL's TensorFlow engine. Inference and gradients run the loaded graph
 * through the TensorFlow C API; the gradient ops are added to the graph once ({@code TF_AddGradients}) and
 * reused.
 */
final class TfSavedModel implements LoadedModel {
    private static final String DEFAULT_SIGNATURE = "serving_default";
    private static final int TF_FLOAT = 1;
    private static final String GRADIENT_PREFIX = "secmlops_input_gradient";

    private final Model model;
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
    /** The last batch's input, reused by {@link #predict} (the class is not thread-safe). */
    private ByteBuffer inputBuffer;
    private TF_Operation seedOp;
    private TF_Operation gradientOp;
    private int gradientIndex;

    private TfSavedModel(Model model, String engineName, TfSymbolBlock block, TensorInfo input, TensorInfo output,
                         List<Integer> requestedShape) throws ModelException {
        this.model = model;
        this.engineName = engineName;
        this.graph = block.getSavedModelBundle().getGraph();
        this.session = block.getSavedModelBundle().getSession();
        this.inputName = input.getName();
        this.outputName = output.getName();
        var in = JavacppUtils.getGraphOperationByName(graph, inputName);
        var out = JavacppUtils.getGraphOperationByName(graph, outputName);
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
    }

    /** Loads the SavedModel at {@code dir} on the device with the signature, input and output of the spec. */
    static TfSavedModel load(Path dir, ModelSpec spec, Device device, String engineName) throws ModelException {
        Model model = Model.newInstance("secmlops-model", device, EngineKind.TENSORFLOW.djlName());
        try {
            String signatureKey = spec.signature() == null ? DEFAULT_SIGNATURE : spec.signature();
            model.load(dir, null, Map.of("Tags", "serve", "SignatureDefKey", signatureKey));
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

    private static void checkFloat(TF_Operation op, int index, String what) throws ModelException {
        try (PointerScope ignored = new PointerScope()) {
            TF_Output output = new TF_Output(1).oper(op).index(index);
            int type = tensorflow.TF_OperationOutputType(output);
            if (type != TF_FLOAT) {
                throw new ModelException("The " + what + " is not float32 (TensorFlow type " + type + ")");
            }
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
            NDArray x = manager.create(inputBuffer, Batches.shape(batch.length, sampleShape), DataType.FLOAT32);
            return Batches.rows(run(new NDArray[] {x}, new TF_Operation[] {inputOp}, new int[] {inputIndex},
                    outputOp, outputIndex), batch.length);
        } catch (RuntimeException e) {
            throw new ModelException("TensorFlow failed to run the model: " + e.getMessage(), e);
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

    @Override
    public OutputsAndGradient outputsAndGradient(float[][] batch, int[] labels) throws ModelException {
        float[][] logits = predict(batch);
        float[] seed = Batches.crossEntropyLogitGradient(logits, labels);
        addGradientOps();
        float[] flat = Batches.flatten(batch);
        try (NDManager manager = model.getNDManager().newSubManager()) {
            NDArray x = manager.create(flat, Batches.shape(batch.length, sampleShape));
            NDArray dy = manager.create(seed, new ai.djl.ndarray.types.Shape(logits.length, logits[0].length));
            return new OutputsAndGradient(logits, Batches.rows(run(new NDArray[] {x, dy},
                    new TF_Operation[] {inputOp, seedOp}, new int[] {inputIndex, 0}, gradientOp, gradientIndex),
                    batch.length));
        } catch (RuntimeException e) {
            throw new ModelException("TensorFlow failed to compute the input gradient: " + e.getMessage(), e);
        }
    }

    /** Adds a seed placeholder and d(output . seed)/d(input) to the graph, once. */
    private void addGradientOps() throws ModelException {
        if (gradientOp != null) {
            return;
        }
        try (PointerScope ignored = new PointerScope()) {
            TF_Status status = TF_Status.newStatus();
            TF_OperationDescription description = tensorflow.TF_NewOperation(graph, "Placeholder",
                    GRADIENT_PREFIX + "_seed");
            tensorflow.TF_SetAttrType(description, "dtype", TF_FLOAT);
            TF_Operation seed = tensorflow.TF_FinishOperation(description, status);
            status.throwExceptionIfNotOK();
            TF_Output y = new TF_Output(1).oper(outputOp).index(outputIndex);
            TF_Output x = new TF_Output(1).oper(inputOp).index(inputIndex);
            TF_Output dx = new TF_Output(1).oper(seed).index(0);
            TF_Output dy = new TF_Output(1);
            tensorflow.TF_AddGradientsWithPrefix(graph, GRADIENT_PREFIX, y, 1, x, 1, dx, status, dy);
            status.throwExceptionIfNotOK();
            if (dy.oper() == null || dy.oper().isNull()) {
                throw new ModelException("The model's output does not depend on its input " + inputName);
            }
            seedOp = seed;
            gradientOp = dy.oper();
            gradientIndex = dy.index();
        } catch (RuntimeException e) {
            throw new ModelException("TensorFlow cannot differentiate the model: " + e.getMessage(), e);
        }
    }

    private float[] run(NDArray[] inputs, TF_Operation[] ops, int[] indices, TF_Operation output, int outputIdx) {
        TF_Tensor[] feeds = new TF_Tensor[inputs.length];
        TF_Tensor[] results = null;
        try {
            for (int i = 0; i < inputs.length; i++) {
                feeds[i] = JavacppUtils.resolveTFETensor(((TfNDArray) inputs[i]).getHandle());
            }
            results = JavacppUtils.runSession(session, null, feeds, ops, indices, new TF_Operation[] {output},
                    new int[] {outputIdx}, new TF_Operation[0]);
            TF_Tensor result = results[0];
            long bytes = tensorflow.TF_TensorByteSize(result);
            FloatBuffer values = tensorflow.TF_TensorData(result).capacity(bytes).asByteBuffer()
                    .order(ByteOrder.nativeOrder()).asFloatBuffer();
            float[] out = new float[values.remaining()];
            values.get(out);
            return out;
        } finally {
            for (TF_Tensor feed : feeds) {
                if (feed != null) {
                    feed.close();
                }
            }
            if (results != null) {
                for (TF_Tensor result : results) {
                    result.close();
                }
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
        model.close();
    }
}
